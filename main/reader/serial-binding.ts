/**
 * What the reader driver needs from a serial port, and nothing more.
 *
 * The driver takes a `SerialBinding` as an argument (zwave-js style), so the same driver runs on
 * the real `serialport` binding against hardware or a socat pty, or on an in-memory emulator.
 */
export type Parity = 'none' | 'even' | 'odd' | 'mark' | 'space';

export interface SerialOpenOptions {
  path: string;
  baudRate: number;
  parity: Parity;
  dataBits: 7 | 8;
  stopBits: 1 | 2;
}

/** One port as the OS lists it; vendor/product ids only where the OS gives them (USB-serial). */
export interface SerialPortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}

/** An open port: bytes in, bytes out, and one close notification (unplug or our own close). */
export interface SerialLink {
  write(bytes: Uint8Array): void;
  close(): Promise<void>;
  onData(listener: (chunk: Buffer) => void): void;
  /** Called once when the port goes away; `error` is set when it was not our own `close()`. */
  onClose(listener: (error: Error | undefined) => void): void;
}

export interface SerialBinding {
  list(): Promise<SerialPortInfo[]>;
  open(options: SerialOpenOptions): Promise<SerialLink>;
}
