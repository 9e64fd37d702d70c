/**
 * Bytes from a serial-mode stripe reader → complete lines, with a fixed-size buffer.
 *
 * Readers end a swipe with CR, LF or CR LF. Anything but printable ASCII inside a line spoils
 * that line; a line longer than the cap is dropped up to the next terminator, so a flood of
 * bytes never grows memory.
 */
import type { ReaderProblem } from './reader-problem';

export type SwipeLineEvent = { kind: 'line'; line: string } | { kind: 'problem'; problem: ReaderProblem };

const CR = 0x0d;
const LF = 0x0a;

export class SwipeLineBuffer {
  private readonly bytes: Buffer;
  private length = 0;
  private nonAscii = false;
  private overflowing = false;

  /** Two full tracks and their LRCs are 121 characters; 3 tracks 230. 256 leaves room for neither abuse nor growth. */
  constructor(readonly maxLine = 256) {
    this.bytes = Buffer.alloc(maxLine);
  }

  /** True while part of a line has arrived (drives the "reading" status and the half-line timer). */
  get pending(): boolean {
    return this.length > 0 || this.overflowing || this.nonAscii;
  }

  push(chunk: Uint8Array, emit: (event: SwipeLineEvent) => void): void {
    for (let index = 0; index < chunk.length; index += 1) {
      const byte = chunk[index] ?? 0;
      if (byte === CR || byte === LF) {
        this.endLine(emit);
        continue;
      }
      if (this.overflowing) continue;
      if (byte < 0x20 || byte > 0x7e) this.nonAscii = true;
      if (this.length === this.maxLine) {
        this.overflowing = true;
        this.bytes.fill(0, 0, this.length);
        this.length = 0;
        emit({ kind: 'problem', problem: { code: 'oversized-message', message: `The reader sent more than ${this.maxLine} bytes without a line end; dropped` } });
        continue;
      }
      this.bytes[this.length] = byte;
      this.length += 1;
    }
  }

  /** Abandons a half line (the reader went quiet mid-swipe); true when there was one. */
  abandon(): boolean {
    const had = this.length > 0 && !this.overflowing;
    this.reset();
    return had;
  }

  private endLine(emit: (event: SwipeLineEvent) => void): void {
    const { length, nonAscii, overflowing } = this;
    const line = overflowing || nonAscii || length === 0 ? undefined : this.bytes.toString('latin1', 0, length);
    this.reset();
    if (nonAscii && !overflowing) {
      emit({ kind: 'problem', problem: { code: 'non-ascii', message: 'The swipe contained bytes that are not printable ASCII; dropped' } });
    }
    if (line !== undefined) emit({ kind: 'line', line });
  }

  private reset(): void {
    // Zero what held track data before the next swipe reuses the buffer.
    this.bytes.fill(0, 0, this.length);
    this.length = 0;
    this.nonAscii = false;
    this.overflowing = false;
  }
}
