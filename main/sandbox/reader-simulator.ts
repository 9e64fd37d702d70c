/**
 * The reader simulator: the far end of the serial line, speaking either reader protocol.
 *
 * It presents the guide's test cards by swipe, insert or tap, and misbehaves on request:
 * garbage, a bad LRC, half a message, silence, an unplug. It goes through a real serial port
 * (a socat pty in tests and training mode), so the terminal's real driver reads every byte.
 */
import { encodeFrame, NAK } from '../reader/frame-codec';
import { FramedSession } from '../reader/framed-session';
import { track2Lrc } from '../reader/magstripe-tracks';
import { decodeTerminalMessage, encodeReaderMessage, type ReaderMessage, type TerminalMessage } from '../reader/pinpad-messages';
import type { ReaderProblem } from '../reader/reader-problem';
import type { SerialBinding, SerialLink } from '../reader/serial-binding';
import { serialportBinding } from '../reader/serialport-binding';
import type { ReaderCable } from './reader-cable';
import { emvTagsOf, findReaderTestCard, type ReaderTestCard, swipeLineOf, track1Of, track2Of } from './reader-test-cards';

export type SimulatedProtocol = 'magstripe' | 'pinpad';
export type Presentation = 'swipe' | 'insert' | 'tap';

export interface ReaderSimulatorOptions {
  protocol: SimulatedProtocol;
  /** The simulator's end of the cable. */
  path: string;
  baudRate: number;
  binding?: SerialBinding;
  /** When given, `unplug()` / `replug()` kill and restart it; otherwise they only close / reopen this end. */
  cable?: ReaderCable;
  /** Stripe readers: append each track's LRC character (some readers are configured to). */
  trackLrc?: boolean;
  ackTimeoutMs?: number;
}

export interface PresentOptions {
  /** Stripe: which tracks the reader prints. */
  tracks?: 'both' | '1' | '2';
  /** PIN pad: the first attempt goes out with a wrong LRC; the resend after the NAK is good. */
  corruptFirstAttempt?: boolean;
  /** Overrides for making bad cards out of good ones (expired, bad Luhn). */
  card?: Partial<ReaderTestCard>;
  amountMinor?: number;
}

export interface Presented {
  /** `performance.now()` just before the last byte of the card message was written. */
  lastByteAt: number;
}

export class ReaderSimulator {
  private link: SerialLink | undefined;
  private session: FramedSession | undefined;
  private silent = false;
  private readonly binding: SerialBinding;
  /** What the terminal asked of this reader (PIN pad), in order. */
  readonly received: TerminalMessage[] = [];
  /** Problems the simulator saw on the terminal's frames. */
  readonly problems: ReaderProblem[] = [];
  /** NAKs the terminal sent back. */
  naks = 0;
  private messageWaiters: ((message: TerminalMessage) => void)[] = [];
  private benchSeq = 0;

  private constructor(private readonly options: ReaderSimulatorOptions) {
    this.binding = options.binding ?? serialportBinding();
  }

  static async open(options: ReaderSimulatorOptions): Promise<ReaderSimulator> {
    const simulator = new ReaderSimulator(options);
    await simulator.connect();
    return simulator;
  }

  get connected(): boolean {
    return this.link !== undefined;
  }

  /** Presents a test card (a guide number or a `ReaderTestCard`) the given way. */
  async present(which: string | ReaderTestCard, how: Presentation, options: PresentOptions = {}): Promise<Presented> {
    const card = cardFor(which, options);
    if (this.options.protocol === 'magstripe') {
      if (how !== 'swipe') throw new Error('A stripe reader can only swipe');
      return this.writeTimed(Buffer.from(`${swipeLineOf(card, { tracks: options.tracks ?? 'both', lrc: this.options.trackLrc ?? false })}\r\n`, 'latin1'));
    }
    const message = this.cardMessage(card, how, options);
    const session = this.requireSession();
    let lastByteAt = 0;
    await session.send(encodeReaderMessage(message), {
      mangle: (frame, attempt) => {
        lastByteAt = performance.now();
        if (attempt > 0 || !options.corruptFirstAttempt) return frame;
        const bad = Buffer.from(frame);
        bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 0xff;
        return bad;
      },
    });
    return { lastByteAt };
  }

  /**
   * Writes a card message in two writes, timing the last byte: the benchmark's start point.
   * Resolves once the last byte is handed to the OS (PIN pad: without waiting for the ACK).
   */
  async presentTimed(which: string | ReaderTestCard, how: Presentation, options: PresentOptions = {}): Promise<Presented> {
    const card = cardFor(which, options);
    if (this.options.protocol === 'magstripe') return this.present(card, how, options);
    // Outside the session (no wait for the ACK); the rolling sequence digit keeps the driver's duplicate check out of the way.
    const frame = encodeFrame(`${this.benchSeq}${encodeReaderMessage(this.cardMessage(card, how, options))}`);
    this.benchSeq = (this.benchSeq + 1) % 10;
    return this.writeTimed(frame);
  }

  /** Bytes that are not a card: random noise (never STX/ACK/NAK for the PIN pad) ending in a line end for a stripe reader. */
  sendGarbage(length = 64, seed = 1): void {
    const bytes = Buffer.alloc(length);
    let state = seed >>> 0 || 1;
    for (let index = 0; index < length; index += 1) {
      state = (state * 1103515245 + 12345) >>> 0;
      let byte = (state >>> 16) & 0xff;
      if (byte === 0x02 || byte === 0x06 || byte === 0x15 || byte === 0x0d || byte === 0x0a) byte = 0x80 | byte;
      bytes[index] = byte;
    }
    this.write(this.options.protocol === 'magstripe' ? Buffer.concat([bytes, Buffer.from('\r\n')]) : bytes);
  }

  /** A card message with a wrong LRC (PIN pad: the frame's; stripe: track 2's), not resent. */
  sendBadLrc(pan = '4111111111111111'): void {
    const card = findReaderTestCard(pan) ?? readerCard(pan);
    if (this.options.protocol === 'magstripe') {
      const track2 = track2Of(card);
      const wrong = String.fromCharCode(0x30 + ((track2Lrc(track2).charCodeAt(0) - 0x30 + 1) & 0x0f));
      this.write(Buffer.from(`${track1Of(card)}${track2}${wrong}\r\n`, 'latin1'));
      return;
    }
    const frame = encodeFrame(`9${encodeReaderMessage(this.cardMessage(card, 'swipe', {}))}`);
    frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0x5a;
    this.write(frame);
  }

  /** The first half of a card message, then nothing. */
  sendHalfMessage(pan = '4111111111111111'): void {
    const card = findReaderTestCard(pan) ?? readerCard(pan);
    const whole =
      this.options.protocol === 'magstripe'
        ? Buffer.from(`${swipeLineOf(card)}\r\n`, 'latin1')
        : encodeFrame(`8${encodeReaderMessage(this.cardMessage(card, 'swipe', {}))}`);
    this.write(whole.subarray(0, Math.floor(whole.length / 2)));
  }

  /** Raw bytes, for tests that build their own abuse. */
  write(bytes: Uint8Array): void {
    this.requireLink().write(bytes);
  }

  /** A silent reader neither acknowledges nor answers (PIN pad); the terminal's resends run out. */
  goSilent(silent = true): void {
    this.silent = silent;
  }

  /** Tells the terminal the customer cancelled / the read timed out. */
  async reportError(code: Extract<ReaderMessage, { type: 'card-error' }>['code']): Promise<void> {
    await this.requireSession().send(encodeReaderMessage({ type: 'card-error', code }));
  }

  /** Resolves with the next message the terminal sends (PIN pad). */
  nextMessage(): Promise<TerminalMessage> {
    return new Promise((resolve) => this.messageWaiters.push(resolve));
  }

  /** Pulls the cable: with a socat cable, kills it (the terminal's end sees the port vanish). */
  async unplug(): Promise<void> {
    await this.disconnect();
    await this.options.cable?.unplug();
  }

  /** Plugs the cable back in and reopens this end. */
  async replug(): Promise<void> {
    await this.options.cable?.plug();
    await this.connect();
  }

  async close(): Promise<void> {
    await this.disconnect();
  }

  private cardMessage(card: ReaderTestCard, how: Presentation, options: PresentOptions): ReaderMessage {
    if (how === 'swipe') {
      const tracks = options.tracks ?? 'both';
      const message: ReaderMessage = { type: 'card-data', entryMode: 'swiped' };
      if (tracks !== '2') message.track1 = track1Of(card);
      if (tracks !== '1') message.track2 = track2Of(card);
      return message;
    }
    const entryMode = how === 'insert' ? 'inserted' : 'tapped';
    const message: ReaderMessage = { type: 'card-data', entryMode, emvTags: emvTagsOf(card, entryMode, options.amountMinor) };
    // A contactless kernel hands over its track 2 equivalent as well; the chip path leaves it to tag 57.
    if (how === 'tap') message.track2 = track2Of(card, { serviceCode: '201' });
    return message;
  }

  private async writeTimed(bytes: Buffer): Promise<Presented> {
    const link = this.requireLink();
    if (bytes.length > 1) link.write(bytes.subarray(0, bytes.length - 1));
    const lastByteAt = performance.now();
    link.write(bytes.subarray(bytes.length - 1));
    return { lastByteAt };
  }

  private async connect(): Promise<void> {
    const { path, baudRate } = this.options;
    const link = await this.binding.open({ path, baudRate, parity: 'none', dataBits: 8, stopBits: 1 });
    this.link = link;
    if (this.options.protocol === 'pinpad') {
      const session = new FramedSession({
        write: (bytes) => {
          if (!this.silent) link.write(bytes);
        },
        onMessage: (message) => this.onTerminalMessage(message),
        onProblem: (problem) => this.problems.push(problem),
        ...(this.options.ackTimeoutMs !== undefined ? { ackTimeoutMs: this.options.ackTimeoutMs } : {}),
      });
      this.session = session;
      link.onData((chunk) => {
        if (this.silent) return;
        for (const byte of chunk) if (byte === NAK) this.naks += 1;
        session.receive(chunk);
      });
    }
    link.onClose(() => {
      if (this.link === link) {
        this.session?.dispose();
        this.session = undefined;
        this.link = undefined;
      }
    });
  }

  private async disconnect(): Promise<void> {
    const link = this.link;
    this.link = undefined;
    this.session?.dispose();
    this.session = undefined;
    if (link) await link.close().catch(() => undefined);
  }

  private onTerminalMessage(text: string): void {
    const decoded = decodeTerminalMessage(text);
    if (!decoded.ok) {
      this.problems.push(decoded.problem);
      return;
    }
    this.received.push(decoded.value);
    for (const waiter of this.messageWaiters.splice(0)) waiter(decoded.value);
  }

  private requireLink(): SerialLink {
    if (!this.link) throw new Error('The simulated reader is unplugged');
    return this.link;
  }

  private requireSession(): FramedSession {
    if (!this.session) throw new Error('The simulated reader is unplugged or not a PIN pad');
    return this.session;
  }
}

function cardFor(which: string | ReaderTestCard, options: PresentOptions): ReaderTestCard {
  const base = typeof which === 'string' ? findReaderTestCard(which) ?? readerCard(which) : which;
  return { ...base, ...options.card };
}

function readerCard(pan: string): ReaderTestCard {
  return { pan, label: 'custom', name: 'DOE/JOHN', yymm: '3112', aid: 'A0000000031010' };
}
