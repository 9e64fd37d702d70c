/**
 * The card reader driver: owns the serial port, turns what the reader sends into `card` events,
 * reports `status` (disconnected, connecting, ready, reading, error with a problem), and
 * reconnects with exponential backoff after an unplug.
 *
 * It takes its `SerialBinding` as an argument, so it runs the same on hardware, a socat pty and
 * an in-memory emulator. It never emits or logs card data: only `CardRead`s and problem messages.
 */
import type { Logger } from '../log';
import { type CardRead, type CardReadContext, cardFromReaderMessage, cardFromSwipeLine } from './card-read';
import type { Clock } from './card-expiry';
import { FramedSession, LinkError } from './framed-session';
import { type ChipEntryMode, decodeReaderMessage, encodeTerminalMessage, type TerminalMessage } from './pinpad-messages';
import type { ReaderProblem } from './reader-problem';
import type { ReaderSettings } from './reader-settings';
import type { SerialBinding, SerialLink } from './serial-binding';
import type { SensitiveCardStore } from './sensitive-card-store';
import { SwipeLineBuffer } from './swipe-line-buffer';
import { type Timers, systemTimers } from './timers';

export type ReaderStatus =
  | { state: 'disconnected'; path?: string; retryInMs?: number }
  | { state: 'connecting'; path: string; attempt: number }
  | { state: 'ready'; path: string }
  | { state: 'reading'; path: string }
  | { state: 'error'; path?: string; problem: ReaderProblem };

export interface CardReaderEvents {
  status: ReaderStatus;
  card: CardRead;
}

export interface BackoffOptions {
  initialMs: number;
  factor: number;
  maxMs: number;
}

export interface CardReaderOptions {
  binding: SerialBinding;
  settings: ReaderSettings;
  store: SensitiveCardStore;
  clock?: Clock;
  timers?: Timers;
  backoff?: Partial<BackoffOptions>;
  /** PIN pad: how long to wait for ACK before resending. */
  ackTimeoutMs?: number;
  /** A swipe line or frame must finish within this long of its last byte. */
  interByteTimeoutMs?: number;
  /** The same problem is reported at most once per this window (a flood of garbage is one event). */
  problemQuietMs?: number;
  log?: Logger;
}

/** Raised to the caller of `showAmount` / `requestCard` / `cancel` (and reported as a status). */
export class ReaderError extends Error {
  constructor(readonly problem: ReaderProblem) {
    super(problem.message);
    this.name = 'ReaderError';
  }
}

type Listener<T> = (payload: T) => void;

export class CardReader {
  private readonly listeners: { [E in keyof CardReaderEvents]: Set<Listener<CardReaderEvents[E]>> } = { status: new Set(), card: new Set() };
  private readonly timers: Timers;
  private readonly clock: Clock;
  private readonly backoff: BackoffOptions;
  private readonly context: CardReadContext;
  private readonly lastProblemAt = new Map<string, number>();
  private settings: ReaderSettings;
  private link: SerialLink | undefined;
  private session: FramedSession | undefined;
  private lines: SwipeLineBuffer | undefined;
  private lineTimer: unknown;
  private retryTimer: unknown;
  /** Failed opens (and unplugs) since the last good open: the backoff exponent. */
  private failures = 0;
  private running = false;
  /** Bumped on every start/stop so a late open or close from an earlier connection is ignored. */
  private generation = 0;
  private current: ReaderStatus = { state: 'disconnected' };
  /** PIN pad: a card was requested and neither a card, a card error nor a cancel has come since. */
  private awaitingCard = false;

  constructor(private readonly options: CardReaderOptions) {
    this.settings = options.settings;
    this.timers = options.timers ?? systemTimers;
    this.clock = options.clock ?? (() => new Date());
    this.backoff = { initialMs: 250, factor: 2, maxMs: 10_000, ...options.backoff };
    this.context = { store: options.store, clock: this.clock };
  }

  get status(): ReaderStatus {
    return this.current;
  }

  on<E extends keyof CardReaderEvents>(event: E, listener: Listener<CardReaderEvents[E]>): () => void {
    const set = this.listeners[event] as Set<Listener<CardReaderEvents[E]>>;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Opens the configured port and keeps it open (reconnecting) until `stop()`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.generation += 1;
    this.failures = 0;
    void this.connect(this.generation);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.generation += 1;
    this.timers.clearTimeout(this.retryTimer);
    await this.dropLink();
    this.setStatus({ state: 'disconnected', path: this.settings.path });
  }

  /** New port or protocol: closes the old connection and opens the new one. */
  async reconfigure(settings: ReaderSettings): Promise<void> {
    const wasRunning = this.running;
    await this.stop();
    this.settings = settings;
    if (wasRunning) this.start();
  }

  /** PIN pad: shows the amount on the reader's display. A stripe reader has no display: no-op. */
  showAmount(amountMinor: number, currency: string, exponent: number): Promise<void> {
    return this.sendToPinpad({ type: 'show-amount', amountMinor, currency, exponent });
  }

  /** PIN pad: asks the customer for a card; the card arrives as a `card` event. */
  async requestCard(modes: readonly ChipEntryMode[] = ['swiped', 'inserted', 'tapped'], timeoutSeconds = 60): Promise<void> {
    if (this.settings.protocol !== 'pinpad') return; // a stripe reader is always ready for a swipe
    await this.sendToPinpad({ type: 'request-card', modes, timeoutSeconds });
    this.awaitingCard = true;
    if (this.link) this.setStatus({ state: 'reading', path: this.settings.path });
  }

  async cancel(): Promise<void> {
    await this.sendToPinpad({ type: 'cancel' });
    this.awaitingCard = false;
    if (this.link) this.setStatus({ state: 'ready', path: this.settings.path });
  }

  private async sendToPinpad(message: TerminalMessage): Promise<void> {
    if (this.settings.protocol !== 'pinpad') return;
    const session = this.session;
    if (!session) throw new ReaderError({ code: 'port-lost', message: 'The card reader is not connected' });
    try {
      await session.send(encodeTerminalMessage(message));
    } catch (error) {
      const problem = error instanceof LinkError ? error.problem : { code: 'port-lost' as const, message: 'The card reader link failed' };
      if (problem.code === 'no-acknowledgement') this.report(problem);
      throw new ReaderError(problem);
    }
  }

  private async connect(generation: number): Promise<void> {
    const { path, baudRate, parity, dataBits, stopBits } = this.settings;
    this.setStatus({ state: 'connecting', path, attempt: this.failures + 1 });
    let link: SerialLink;
    try {
      link = await this.options.binding.open({ path, baudRate, parity, dataBits, stopBits });
    } catch (error) {
      if (generation !== this.generation) return;
      this.report({ code: 'port-open-failed', message: `Cannot open ${path}: ${reason(error)}` }, false);
      this.scheduleRetry(generation);
      return;
    }
    if (generation !== this.generation) {
      await link.close().catch(() => undefined); // stopped while opening
      return;
    }
    this.failures = 0;
    this.attach(link, generation);
    this.setStatus({ state: 'ready', path });
  }

  private attach(link: SerialLink, generation: number): void {
    this.link = link;
    if (this.settings.protocol === 'pinpad') {
      this.session = new FramedSession({
        write: (bytes) => link.write(bytes),
        onMessage: (message) => this.onPinpadMessage(message),
        onProblem: (problem) => this.report(problem),
        onFrameStart: () => this.setStatus({ state: 'reading', path: this.settings.path }),
        timers: this.timers,
        ...(this.options.ackTimeoutMs !== undefined ? { ackTimeoutMs: this.options.ackTimeoutMs } : {}),
        ...(this.options.interByteTimeoutMs !== undefined ? { interByteTimeoutMs: this.options.interByteTimeoutMs } : {}),
      });
      const session = this.session;
      link.onData((chunk) => session.receive(chunk));
    } else {
      const lines = new SwipeLineBuffer();
      this.lines = lines;
      link.onData((chunk) => this.onSwipeBytes(lines, chunk));
    }
    link.onClose((error) => {
      if (generation !== this.generation || this.link !== link) return;
      this.detach();
      this.report({ code: 'port-lost', message: `The card reader on ${this.settings.path} went away${error ? ` (${reason(error)})` : ''}` }, false);
      this.scheduleRetry(generation);
    });
  }

  private onSwipeBytes(lines: SwipeLineBuffer, chunk: Buffer): void {
    const wasPending = lines.pending;
    lines.push(chunk, (event) => {
      if (event.kind === 'problem') this.report(event.problem);
      else this.admit(cardFromSwipeLine(event.line, this.context));
    });
    this.timers.clearTimeout(this.lineTimer);
    if (lines.pending) {
      if (!wasPending) this.setStatus({ state: 'reading', path: this.settings.path });
      this.lineTimer = this.timers.setTimeout(() => {
        if (lines.abandon()) this.report({ code: 'incomplete-message', message: 'The reader stopped in the middle of a swipe: swipe again' });
      }, this.options.interByteTimeoutMs ?? 500);
    }
  }

  private onPinpadMessage(message: string): void {
    const decoded = decodeReaderMessage(message);
    if (!decoded.ok) {
      this.report(decoded.problem);
      return;
    }
    const reply = decoded.value;
    if (reply.type === 'card-error') {
      this.awaitingCard = false;
      const what = { timeout: 'timed out waiting for a card', cancelled: 'was cancelled by the customer', 'chip-failed': 'could not read the chip: swipe or key the card', other: 'reported an error' }[reply.code];
      this.report({ code: 'reader-reported', message: `The reader ${what}` });
      return;
    }
    this.admit(cardFromReaderMessage(reply, this.context));
  }

  private admit(outcome: ReturnType<typeof cardFromSwipeLine>): void {
    if (!outcome.ok) {
      this.report(outcome.problem);
      return;
    }
    const card = outcome.value;
    this.awaitingCard = false;
    this.options.log?.log('info', 'card presented', { entryMode: card.entryMode, brand: card.brand, maskedPan: card.maskedPan });
    this.emit('card', card);
    this.setStatus({ state: 'ready', path: this.settings.path });
  }

  /** A problem is an `error` status; while the port is up the reader is usable again right after. */
  private report(problem: ReaderProblem, thenReady = true): void {
    const now = this.clock().getTime();
    const quiet = this.options.problemQuietMs ?? 1000;
    const last = this.lastProblemAt.get(problem.code);
    if (last !== undefined && now - last < quiet && now >= last) return;
    this.lastProblemAt.set(problem.code, now);
    this.options.log?.log('warn', 'card reader problem', { code: problem.code, message: problem.message });
    this.setStatus({ state: 'error', path: this.settings.path, problem });
    if (thenReady && this.link) this.setStatus({ state: this.awaitingCard ? 'reading' : 'ready', path: this.settings.path });
  }

  private scheduleRetry(generation: number): void {
    if (!this.running || generation !== this.generation) return;
    this.failures += 1;
    const delay = Math.min(this.backoff.maxMs, this.backoff.initialMs * this.backoff.factor ** (this.failures - 1));
    this.setStatus({ state: 'disconnected', path: this.settings.path, retryInMs: delay });
    this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = this.timers.setTimeout(() => void this.connect(generation), delay);
  }

  private detach(): void {
    this.awaitingCard = false;
    this.timers.clearTimeout(this.lineTimer);
    this.session?.dispose();
    this.session = undefined;
    this.lines?.abandon();
    this.lines = undefined;
    this.link = undefined;
  }

  private async dropLink(): Promise<void> {
    const link = this.link;
    this.detach();
    if (link) await link.close().catch(() => undefined);
  }

  private setStatus(status: ReaderStatus): void {
    const previous = this.current;
    if (previous.state === status.state && (status.state === 'ready' || status.state === 'reading')) return;
    this.current = status;
    if (status.state !== 'error') this.options.log?.log('debug', 'card reader status', { state: status.state });
    this.emit('status', status);
  }

  private emit<E extends keyof CardReaderEvents>(event: E, payload: CardReaderEvents[E]): void {
    for (const listener of this.listeners[event] as Set<Listener<CardReaderEvents[E]>>) {
      try {
        listener(payload);
      } catch (error) {
        // A listener's bug must not take the serial port down with it.
        this.options.log?.log('error', 'card reader listener failed', { error: reason(error) });
      }
    }
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
