/**
 * A virtual serial cable: a socat pseudo-terminal pair. The terminal's driver opens one end, the
 * reader simulator the other. Killing socat is an unplug; starting it again on the same links is
 * a replug.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface ReaderCableOptions {
  /** Link the terminal's driver opens, e.g. `/tmp/counter-reader`. */
  terminalPath: string;
  /** Link the simulator opens. */
  devicePath: string;
  socat?: string;
  /** How long socat may take to report both ptys. */
  startTimeoutMs?: number;
}

export class ReaderCable {
  private process: ChildProcess | undefined;

  private constructor(private readonly options: ReaderCableOptions) {}

  static async start(options: ReaderCableOptions): Promise<ReaderCable> {
    const cable = new ReaderCable(options);
    await cable.plug();
    return cable;
  }

  get terminalPath(): string {
    return this.options.terminalPath;
  }

  get devicePath(): string {
    return this.options.devicePath;
  }

  get plugged(): boolean {
    return this.process !== undefined;
  }

  /** Starts socat and resolves when it has announced both ptys ("N PTY is /dev/pts/…"), i.e. the links exist. */
  plug(): Promise<void> {
    if (this.process) return Promise.resolve();
    const { terminalPath, devicePath, socat = 'socat', startTimeoutMs = 5000 } = this.options;
    const child = spawn(socat, ['-d', '-d', `pty,raw,echo=0,link=${terminalPath}`, `pty,raw,echo=0,link=${devicePath}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.process = child;
    return new Promise((resolve, reject) => {
      let seen = 0;
      let pending = '';
      const fail = (error: Error) => {
        clearTimeout(timer);
        child.stderr?.removeAllListeners('data');
        if (this.process === child) this.process = undefined;
        child.kill('SIGKILL');
        reject(error);
      };
      // socat creates the link right after logging each pty, and logs the transfer loop after both links.
      const timer = setTimeout(() => fail(new Error(`socat did not open both ptys within ${startTimeoutMs} ms`)), startTimeoutMs);
      child.once('error', (error) => fail(error));
      child.once('exit', (code) => {
        if (seen < 3) fail(new Error(`socat exited (${code ?? 'signal'}) before opening both ptys`));
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        if (seen >= 3) return;
        pending += chunk.toString('latin1');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          if (/ N PTY is \/dev\//.test(line)) seen += 1;
          else if (seen === 2 && / N starting data transfer loop/.test(line)) seen += 1;
        }
        if (seen >= 3) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  /** Kills socat and resolves once it has exited (its ptys are gone, both ends see the unplug). */
  unplug(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  async replug(): Promise<void> {
    await this.unplug();
    await this.plug();
  }

  stop(): Promise<void> {
    return this.unplug();
  }
}
