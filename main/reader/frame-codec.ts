/**
 * The PIN-pad link's framing: STX · payload · ETX · LRC, and the single-byte ACK / NAK.
 *
 * The payload is printable ASCII plus FS (0x1C), so STX and ETX never occur inside it and no
 * byte stuffing is needed. The LRC is the XOR of every byte after STX up to and including ETX.
 * See docs/reader-protocol.md.
 */
export const STX = 0x02;
export const ETX = 0x03;
export const ACK = 0x06;
export const NAK = 0x15;
export const FS = 0x1c;

/** Payload cap: two tracks, a TLV string the gateway accepts (999 hex digits) and headroom. */
export const maxPayloadBytes = 1536;

export function frameLrc(payload: Uint8Array): number {
  let lrc = 0;
  for (let index = 0; index < payload.length; index += 1) lrc ^= payload[index] ?? 0;
  return lrc ^ ETX;
}

export function isPayloadByte(byte: number): boolean {
  return byte === FS || (byte >= 0x20 && byte <= 0x7e);
}

export function encodeFrame(payload: Uint8Array | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : payload;
  const frame = Buffer.allocUnsafe(body.length + 3);
  frame[0] = STX;
  frame.set(body, 1);
  frame[body.length + 1] = ETX;
  frame[body.length + 2] = frameLrc(body);
  return frame;
}

export type FrameEvent =
  | { kind: 'frame'; payload: Buffer }
  | { kind: 'ack' }
  | { kind: 'nak' }
  /** A frame arrived whole but its LRC or a payload byte was wrong: answer NAK. */
  | { kind: 'bad-frame'; reason: 'lrc' | 'byte' }
  /** A frame grew past the cap: dropped up to the next STX; answer NAK. */
  | { kind: 'oversized' }
  /** A new STX arrived before the previous frame's ETX: the half frame is dropped. */
  | { kind: 'abandoned' };

type State = 'idle' | 'payload' | 'lrc' | 'skipping';

/** Byte-at-a-time decoder; its only buffer is the fixed payload cap. */
export class FrameDecoder {
  private readonly payload: Buffer;
  private length = 0;
  private state: State = 'idle';
  private badByte = false;
  /** Bytes seen outside any frame since the last frame (line noise), for diagnostics. */
  noiseBytes = 0;

  constructor(readonly maxPayload = maxPayloadBytes) {
    this.payload = Buffer.alloc(maxPayload);
  }

  /** True between STX and the LRC byte. */
  get inFrame(): boolean {
    return this.state === 'payload' || this.state === 'lrc';
  }

  push(chunk: Uint8Array, emit: (event: FrameEvent) => void): void {
    for (let index = 0; index < chunk.length; index += 1) {
      const byte = chunk[index] ?? 0;
      switch (this.state) {
        case 'idle':
        case 'skipping':
          if (byte === STX) this.start();
          else if (this.state === 'idle' && byte === ACK) emit({ kind: 'ack' });
          else if (this.state === 'idle' && byte === NAK) emit({ kind: 'nak' });
          else this.noiseBytes += 1;
          break;
        case 'payload':
          if (byte === ETX) this.state = 'lrc';
          else if (byte === STX) {
            emit({ kind: 'abandoned' });
            this.start();
          } else if (this.length === this.maxPayload) {
            this.clear();
            this.state = 'skipping';
            emit({ kind: 'oversized' });
          } else {
            if (!isPayloadByte(byte)) this.badByte = true;
            this.payload[this.length] = byte;
            this.length += 1;
          }
          break;
        case 'lrc': {
          const body = this.payload.subarray(0, this.length);
          const good = frameLrc(body) === byte;
          if (good && !this.badByte) emit({ kind: 'frame', payload: Buffer.from(body) });
          else emit({ kind: 'bad-frame', reason: good ? 'byte' : 'lrc' });
          this.clear();
          this.state = 'idle';
          break;
        }
      }
    }
  }

  /** Drops a half frame (the sender went quiet); true when there was one. */
  abandon(): boolean {
    const had = this.inFrame;
    this.clear();
    this.state = 'idle';
    return had;
  }

  private start(): void {
    this.clear();
    this.state = 'payload';
  }

  private clear(): void {
    this.payload.fill(0, 0, this.length);
    this.length = 0;
    this.badByte = false;
  }
}
