/**
 * The production `SerialBinding`: the `serialport` package (native binding, prebuilt).
 */
import { SerialPort } from 'serialport';
import type { SerialBinding, SerialLink, SerialOpenOptions, SerialPortInfo } from './serial-binding';

type SerialPortClass = typeof SerialPort;

export interface SerialportBindingOptions {
  Port?: SerialPortClass;
  /**
   * How often an open port is probed (a modem-status ioctl) for a hangup the read loop missed.
   * The native poller normally reports an unplug at once; the probe is the backstop. 0 = off.
   */
  probeIntervalMs?: number;
}

/** Errors from the probe that mean the device is gone (ENOTTY just means "no modem lines": a pty). */
const goneCodes = /Input\/output error|No such device|Bad file descriptor|EIO|ENXIO|ENODEV|EBADF/;

export function serialportBinding(options: SerialportBindingOptions = {}): SerialBinding {
  const Port = options.Port ?? SerialPort;
  const probeIntervalMs = options.probeIntervalMs ?? 1000;
  return {
    async list() {
      const ports = await Port.list();
      return ports.map((port) => portInfo(port));
    },
    open(options) {
      return openLink(Port, options, probeIntervalMs);
    },
  };
}

function portInfo(port: { path: string; manufacturer?: string; serialNumber?: string; vendorId?: string; productId?: string }): SerialPortInfo {
  const info: SerialPortInfo = { path: port.path };
  if (port.manufacturer) info.manufacturer = port.manufacturer;
  if (port.serialNumber) info.serialNumber = port.serialNumber;
  if (port.vendorId) info.vendorId = port.vendorId.toLowerCase();
  if (port.productId) info.productId = port.productId.toLowerCase();
  return info;
}

function openLink(Port: SerialPortClass, options: SerialOpenOptions, probeIntervalMs: number): Promise<SerialLink> {
  return new Promise((resolve, reject) => {
    const port = new Port({ ...options, autoOpen: false });
    port.open((error) => {
      if (error) {
        reject(error);
        return;
      }
      let closed = false;
      let closeListener: ((error: Error | undefined) => void) | undefined;
      let pendingError: Error | undefined;
      let probe: ReturnType<typeof setInterval> | undefined;
      const finish = (cause: Error | undefined) => {
        clearInterval(probe);
        if (closed) return;
        closed = true;
        closeListener?.(cause);
      };
      if (probeIntervalMs > 0) {
        probe = setInterval(() => {
          port.get((error) => {
            if (!error || closed || !goneCodes.test(error.message)) return;
            finish(error);
            port.close(() => undefined);
          });
        }, probeIntervalMs);
        probe.unref();
      }
      // serialport emits `close` with a DisconnectedError on unplug, and `error` for write faults.
      port.on('close', (cause: Error | null | undefined) => finish(cause ?? pendingError));
      port.on('error', (cause: Error) => {
        pendingError = cause;
        if (!port.isOpen) finish(cause);
      });
      resolve({
        write(bytes) {
          port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        },
        close() {
          return new Promise((done) => {
            if (!port.isOpen) {
              finish(undefined);
              done();
              return;
            }
            closed = true; // our own close: not reported as an unplug
            clearInterval(probe);
            port.close(() => done());
          });
        },
        onData(listener) {
          port.on('data', listener);
        },
        onClose(listener) {
          closeListener = listener;
        },
      });
    });
  });
}
