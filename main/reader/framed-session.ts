/**
 * The PIN-pad link layer on top of the framing: ACK/NAK, sequence digits, resend on NAK or
 * timeout (at most 3 resends), duplicate suppression, and the half-frame timeout.
 *
 * Both ends use it: the driver in main and the reader simulator.
 */
import { ACK, NAK, FrameDecoder, encodeFrame, maxPayloadBytes } from './frame-codec';
import type { ReaderProblem } from './reader-problem';
import { type Timers, systemTimers } from './timers';

export interface FramedSessionOptions {
  write(bytes: Uint8Array): void;
  /** A new message (sequence digit removed). Duplicates of the last one are acknowledged, not delivered. */
  onMessage(message: string): void;
  onProblem(problem: ReaderProblem): void;
  /** The first byte of a frame arrived (drives the "reading" status). */
  onFrameStart?(): void;
  timers?: Timers;
  ackTimeoutMs?: number;
  maxResends?: number;
  /** A frame must complete within this long of its last byte, or it is dropped and NAKed. */
  interByteTimeoutMs?: number;
  maxPayload?: number;
}

export interface SendOptions {
  /** Alters what goes on the wire per attempt (0 = first): the simulator's bad-LRC switch. */
  mangle?(frame: Buffer, attempt: number): Uint8Array;
}

interface Outgoing {
  frame: Buffer;
  attempt: number;
  options: SendOptions;
  resolve(): void;
  reject(error: Error): void;
}

export class LinkError extends Error {
  constructor(readonly problem: ReaderProblem) {
    super(problem.message);
    this.name = 'LinkError';
  }
}

/** A stray byte or two between frames is normal on a serial line; this many is not. */
const noiseThreshold = 32;

const ackByte = Uint8Array.of(ACK);
const nakByte = Uint8Array.of(NAK);

export class FramedSession {
  private readonly decoder: FrameDecoder;
  private readonly timers: Timers;
  private readonly ackTimeoutMs: number;
  private readonly maxResends: number;
  private readonly interByteTimeoutMs: number;
  private readonly queue: { message: string; options: SendOptions; resolve(): void; reject(error: Error): void }[] = [];
  private outgoing: Outgoing | undefined;
  private ackTimer: unknown;
  private partialTimer: unknown;
  private nextSeq = 0;
  /** Fingerprint of the last delivered frame (sequence, length, LRC): enough to spot a resend without keeping card data. */
  private lastDelivered = '';
  private disposed = false;
  /** Noise bytes already accounted for (reported, or followed by a good frame). */
  private noiseSeen = 0;
  private noiseReported = false;

  constructor(private readonly options: FramedSessionOptions) {
    this.decoder = new FrameDecoder(options.maxPayload ?? maxPayloadBytes);
    this.timers = options.timers ?? systemTimers;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 1000;
    this.maxResends = options.maxResends ?? 3;
    this.interByteTimeoutMs = options.interByteTimeoutMs ?? 500;
  }

  get noiseBytes(): number {
    return this.decoder.noiseBytes;
  }

  receive(chunk: Uint8Array): void {
    if (this.disposed) return;
    const wasInFrame = this.decoder.inFrame;
    this.decoder.push(chunk, (event) => {
      switch (event.kind) {
        case 'frame':
          this.noiseSeen = this.decoder.noiseBytes;
          this.noiseReported = false;
          this.options.write(ackByte);
          this.deliver(event.payload);
          break;
        case 'ack':
          this.acknowledged();
          break;
        case 'nak':
          this.resend('NAK');
          break;
        case 'bad-frame':
          this.options.write(nakByte);
          this.options.onProblem(
            event.reason === 'lrc'
              ? { code: 'bad-frame-lrc', message: 'A frame from the reader failed its LRC check; asked for it again (NAK)' }
              : { code: 'non-ascii', message: 'A frame from the reader held a byte outside printable ASCII; asked for it again (NAK)' },
          );
          break;
        case 'oversized':
          this.options.write(nakByte);
          this.options.onProblem({ code: 'oversized-message', message: `A frame from the reader passed ${this.decoder.maxPayload} bytes; dropped` });
          break;
        case 'abandoned':
          this.options.onProblem({ code: 'incomplete-message', message: 'A frame from the reader was cut off by the start of another; dropped' });
          break;
      }
    });
    const noise = this.decoder.noiseBytes - this.noiseSeen;
    if (noise >= noiseThreshold && !this.noiseReported) {
      // Once per run of noise: a wrong baud rate would otherwise report on every read.
      this.noiseReported = true;
      this.options.onProblem({ code: 'line-noise', message: `${noise} bytes arrived outside any frame (line noise or a wrong baud rate); ignored` });
    }
    if (this.decoder.inFrame) {
      if (!wasInFrame) this.options.onFrameStart?.();
      this.armPartialTimer();
    } else if (this.partialTimer !== undefined) {
      this.timers.clearTimeout(this.partialTimer);
      this.partialTimer = undefined;
    }
  }

  /** Sends one message; resolves on ACK, rejects with a LinkError after the last resend goes unanswered. */
  send(message: string, options: SendOptions = {}): Promise<void> {
    if (this.disposed) return Promise.reject(new LinkError({ code: 'port-lost', message: 'The reader link is closed' }));
    return new Promise((resolve, reject) => {
      this.queue.push({ message, options, resolve, reject });
      if (!this.outgoing) this.sendNext();
    });
  }

  /** Forgets all state (after a reconnect) and rejects whatever was waiting. */
  dispose(): void {
    this.disposed = true;
    this.timers.clearTimeout(this.ackTimer);
    this.timers.clearTimeout(this.partialTimer);
    const error = new LinkError({ code: 'port-lost', message: 'The reader link closed before the message was acknowledged' });
    this.outgoing?.reject(error);
    this.outgoing = undefined;
    for (const waiting of this.queue.splice(0)) waiting.reject(error);
    this.decoder.abandon();
  }

  private deliver(payload: Buffer): void {
    const seq = payload[0] ?? 0;
    if (seq < 0x30 || seq > 0x39) {
      this.options.onProblem({ code: 'malformed-message', message: 'A message from the reader has no sequence digit' });
      return;
    }
    const fingerprint = `${seq}:${payload.length}:${payload.reduce((lrc, byte) => lrc ^ byte, 0)}`;
    if (fingerprint === this.lastDelivered) return; // our ACK was lost and the peer resent it
    this.lastDelivered = fingerprint;
    const message = payload.toString('latin1', 1);
    payload.fill(0);
    this.options.onMessage(message);
  }

  private sendNext(): void {
    const next = this.queue.shift();
    if (!next) return;
    const seq = String.fromCharCode(0x30 + this.nextSeq);
    this.nextSeq = (this.nextSeq + 1) % 10;
    this.outgoing = { frame: encodeFrame(seq + next.message), attempt: 0, options: next.options, resolve: next.resolve, reject: next.reject };
    this.transmit();
  }

  private transmit(): void {
    const outgoing = this.outgoing;
    if (!outgoing) return;
    const bytes = outgoing.options.mangle ? outgoing.options.mangle(outgoing.frame, outgoing.attempt) : outgoing.frame;
    this.options.write(bytes);
    this.timers.clearTimeout(this.ackTimer);
    this.ackTimer = this.timers.setTimeout(() => this.resend('timeout'), this.ackTimeoutMs);
  }

  private acknowledged(): void {
    const outgoing = this.outgoing;
    if (!outgoing) return; // a stray ACK: nothing was waiting
    this.timers.clearTimeout(this.ackTimer);
    this.outgoing = undefined;
    outgoing.resolve();
    this.sendNext();
  }

  private resend(cause: 'NAK' | 'timeout'): void {
    const outgoing = this.outgoing;
    if (!outgoing) return;
    if (outgoing.attempt >= this.maxResends) {
      this.timers.clearTimeout(this.ackTimer);
      this.outgoing = undefined;
      const what = cause === 'NAK' ? 'refused (NAK)' : 'unanswered';
      outgoing.reject(new LinkError({ code: 'no-acknowledgement', message: `The reader ${what} a message ${this.maxResends + 1} times; gave up` }));
      this.sendNext();
      return;
    }
    outgoing.attempt += 1;
    this.transmit();
  }

  private armPartialTimer(): void {
    this.timers.clearTimeout(this.partialTimer);
    this.partialTimer = this.timers.setTimeout(() => {
      this.partialTimer = undefined;
      if (!this.decoder.abandon()) return;
      this.options.write(nakByte);
      this.options.onProblem({ code: 'incomplete-message', message: 'The reader stopped in the middle of a frame; dropped and asked again (NAK)' });
    }, this.interByteTimeoutMs);
  }
}
