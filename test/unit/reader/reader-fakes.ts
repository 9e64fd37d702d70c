/**
 * Test doubles for the reader: a manual clock/timer pair and an in-memory serial binding whose
 * "device" side the test drives.
 */
import type { SerialBinding, SerialLink, SerialOpenOptions, SerialPortInfo } from '../../../main/reader/serial-binding';
import type { Timers } from '../../../main/reader/timers';

export class ManualTimers implements Timers {
  now = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.pending.delete(handle);
  }

  get count(): number {
    return this.pending.size;
  }

  /** Moves time forward, firing due timers in order (including ones they schedule). */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      let dueId: number | undefined;
      let dueAt = Infinity;
      for (const [id, timer] of this.pending) if (timer.at <= until && timer.at < dueAt) [dueId, dueAt] = [id, timer.at];
      if (dueId === undefined) break;
      const timer = this.pending.get(dueId);
      this.pending.delete(dueId);
      this.now = dueAt;
      timer?.callback();
    }
    this.now = until;
  }

  clock = (): Date => new Date(Date.UTC(2026, 10, 21) + this.now);
}

/** The device end of an in-memory port. */
export class MemoryDevice {
  readonly written: Buffer[] = [];
  private dataListener: ((chunk: Buffer) => void) | undefined;
  private closeListener: ((error: Error | undefined) => void) | undefined;
  open = true;

  link(): SerialLink {
    return {
      write: (bytes) => {
        this.written.push(Buffer.from(bytes));
      },
      close: async () => {
        this.open = false;
      },
      onData: (listener) => {
        this.dataListener = listener;
      },
      onClose: (listener) => {
        this.closeListener = listener;
      },
    };
  }

  send(bytes: Uint8Array | string): void {
    this.dataListener?.(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes));
  }

  unplug(): void {
    this.open = false;
    this.closeListener?.(new Error('device disconnected'));
  }

  takeWritten(): Buffer {
    return Buffer.concat(this.written.splice(0));
  }
}

export class MemoryBinding implements SerialBinding {
  present = true;
  opens: SerialOpenOptions[] = [];
  device = new MemoryDevice();
  ports: SerialPortInfo[] = [{ path: '/dev/ttyS0' }, { path: '/dev/ttyUSB0', vendorId: '0801', productId: '0002', manufacturer: 'MagTek' }];

  async list(): Promise<SerialPortInfo[]> {
    return this.ports;
  }

  async open(options: SerialOpenOptions): Promise<SerialLink> {
    this.opens.push(options);
    if (!this.present) throw new Error(`ENOENT: no such file or directory, open '${options.path}'`);
    this.device = new MemoryDevice();
    return this.device.link();
  }
}

/** Lets pending promise callbacks (an awaited open) run. */
export async function settle(): Promise<void> {
  for (let index = 0; index < 5; index += 1) await Promise.resolve();
}
