/**
 * Forwarding the offline queue once the gateway answers again: oldest first, a few at a time, each
 * as a sale flagged store-and-forward, sent through the attempt runner like every money request.
 * Exactly once is kept by four rules: nothing is forwarded while recovery cannot reach the gateway;
 * the online attempt a sale fell back from (on its order or on a split-tender session) must be
 * known to have left nothing at the gateway before the first forward, and if it turns out approved
 * the sale is paid and never forwarded; a forward without a usable answer is undone before it is
 * sent again with a fresh transactionId; and the outcome, the queue row and the wipe of the sealed
 * card are written in one transaction.
 */
import type { GatewayOutcome } from '../gateway/outcomes';
import { GatewayInputError } from '../gateway/inputs';
import { runAttempt } from '../payments/attempt-runner';
import { releaseHold } from '../payments/card-charge';
import type { OfflineForwardResult, OfflineSaleRow } from '../payments/journal/offline-sales';
import type { AttemptRow } from '../payments/journal/records';
import type { PaymentContext } from '../payments/payment-context';
import { exclusively } from '../payments/payment-runtime';
import { leftNothing, recoveryNeeded, resolveOrReport, startRecovery } from '../payments/recovery';
import type { CardSealer } from './card-seal';
import type { GatewayHealth } from './gateway-health';
import type { SealedPayment } from './offline-queue';

export interface ForwarderOptions {
  /** Forwards on the wire at once (default 4). */
  concurrency?: number;
  /** Backoff of one item after a failed try: base × 2^tries, capped, with jitter (defaults 2 s, 5 min). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Resends of one item within a pass after its forward was undone (default 3). */
  maxResendsPerPass?: number;
  /** How often `start()` looks for due items while the gateway is online (default 5 s). */
  pollMs?: number;
  random?: () => number;
}

export interface ForwarderDeps {
  context: PaymentContext;
  sealer: CardSealer;
  health: GatewayHealth;
  /** Told after every change to the queue. */
  onQueueChange?: () => void;
}

/** `paid-online`: the online attempt it fell back from was approved after all, so nothing was forwarded. */
export type ForwardResult = 'forwarded' | 'paid-online' | 'exception' | 'deferred' | 'unreachable' | 'skipped';

export interface DrainReport {
  forwarded: number;
  /** Found paid by the online attempt they fell back from: not forwarded, counted once. */
  paidOnline: number;
  exceptions: number;
  deferred: number;
  /** Stopped early (or never started): the gateway stopped answering, or recovery could not reach it. */
  unreachable: boolean;
}

const forwardOperatorNote = 'offline forward';

export class Forwarder {
  private draining: Promise<DrainReport> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly concurrency: number;
  private readonly random: () => number;

  constructor(
    private readonly deps: ForwarderDeps,
    private readonly options: ForwarderOptions = {},
  ) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
    this.random = options.random ?? Math.random;
  }

  /** Polls for due items while the gateway is online; a drain also starts on every return to online (call `wake`). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 5_000);
    this.timer.unref();
  }

  stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    return this.draining?.then(() => undefined) ?? Promise.resolve();
  }

  /** Starts a drain when the gateway is online and none is running. */
  wake(): void {
    if (this.deps.health.status === 'online') void this.drain();
  }

  /** Forwards every due item (sharing a drain already running); never rejects. */
  drain(): Promise<DrainReport> {
    this.draining ??= this.runDrain()
      .catch((error: unknown) => {
        this.deps.context.logger.log('error', 'offline forward pass failed', { message: error instanceof Error ? error.message : String(error) });
        return { forwarded: 0, paidOnline: 0, exceptions: 0, deferred: 0, unreachable: true };
      })
      .finally(() => {
        this.draining = undefined;
      });
    return this.draining;
  }

  private async runDrain(): Promise<DrainReport> {
    const { context } = this.deps;
    const report: DrainReport = { forwarded: 0, paidOnline: 0, exceptions: 0, deferred: 0, unreachable: false };
    // Undos queued while the gateway was away go first, and all of them: an original left unknown may
    // settle next to its forward. While recovery cannot reach the gateway, nothing is forwarded.
    if (recoveryNeeded(context)) {
      const recovery = await startRecovery(context);
      if (recovery.state !== 'finished') {
        const waiting = context.journal.queuedOfflineSales().length;
        context.logger.log('warn', 'offline forward put off: recovery could not reach the gateway', { waiting });
        return { ...report, deferred: waiting, unreachable: true };
      }
    }
    const due = context.journal.queuedOfflineSales(context.clock().getTime());
    let next = 0;
    const worker = async (): Promise<void> => {
      while (!report.unreachable) {
        const row = due[next++];
        if (!row) return;
        const result = await this.forward(row);
        if (result === 'forwarded') report.forwarded += 1;
        else if (result === 'paid-online') report.paidOnline += 1;
        else if (result === 'exception') report.exceptions += 1;
        else if (result === 'deferred') report.deferred += 1;
        else if (result === 'unreachable') {
          report.deferred += 1;
          report.unreachable = true;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, due.length) }, worker));
    if (due.length > 0) {
      // Forwards and exceptions wiped sealed cards; their old page images must not outlive the pass.
      if (report.forwarded + report.paidOnline + report.exceptions > 0) context.journal.flushWipes();
      context.logger.log('info', 'offline forward pass', { ...report, due: due.length });
      this.deps.onQueueChange?.();
    }
    return report;
  }

  /** Forwards one queued sale to a final outcome, or puts it off; safe to call twice (the second finds it done). */
  forward(row: OfflineSaleRow): Promise<ForwardResult> {
    const { context } = this.deps;
    return exclusively(context, `offline:${row.id}`, async () => {
      const current = context.journal.offlineSale(row.id);
      if (current?.state !== 'queued') return 'skipped';
      try {
        return await this.forwardQueued(current);
      } catch (error) {
        // The journal or the keychain failed, or new work is refused: leave the item queued and try again later.
        const message = error instanceof Error ? error.message : String(error);
        context.logger.log('error', 'offline forward failed', { offlineId: row.id, message });
        this.defer(current, message);
        return 'deferred';
      }
    });
  }

  private async forwardQueued(row: OfflineSaleRow): Promise<ForwardResult> {
    // 1. Every earlier attempt at this sale must have left nothing at the gateway, or have paid it.
    for (const earlier of this.earlierAttempts(row)) {
      const verdict = await this.clearEarlier(row, earlier);
      if (verdict !== 'clear') return verdict;
    }

    // 2. Send, with a fresh transactionId each time the previous try was undone.
    const sealed = this.deps.context.journal.sealedCardOf(row.id);
    if (!sealed) throw new Error(`offline sale ${row.id} is queued without its card data`);
    const plain = await this.deps.sealer.open(sealed, row.orderId);
    let payment: SealedPayment;
    try {
      payment = JSON.parse(plain.toString('utf8')) as SealedPayment;
    } finally {
      plain.fill(0);
    }
    const resends = this.options.maxResendsPerPass ?? 3;
    for (let attemptNo = 0; attemptNo <= resends; attemptNo++) {
      const result = await this.sendForward(row, payment);
      if (result !== 'resend') return result;
    }
    this.defer(row, `forward undone ${resends + 1} times without an answer`);
    return 'deferred';
  }

  /**
   * The attempts that may have charged this sale already: the online attempt it fell back from
   * (whatever owns it: its order, or the split-tender session the Sale screen opens), and every
   * sale on its own order (that original, and forwards a crash left without an answer).
   */
  private earlierAttempts(row: OfflineSaleRow): AttemptRow[] {
    const { journal } = this.deps.context;
    const onOrder = journal.history({ orderId: row.orderId }).filter((attempt) => attempt.kind === 'sale');
    const original = row.originalTransactionId === null ? undefined : journal.attempt(row.originalTransactionId);
    return original && !onOrder.some((attempt) => attempt.transactionId === original.transactionId) ? [original, ...onOrder] : onOrder;
  }

  /**
   * Whether `earlier` lets the forward go: clear once it is known to have left nothing (declined,
   * failed, undone, never happened); an approval means the sale is paid; one the gateway will not
   * undo, or that holds part of the amount, goes to a person; one still unresolved waits.
   */
  private async clearEarlier(row: OfflineSaleRow, earlier: AttemptRow): Promise<'clear' | ForwardResult> {
    const { context } = this.deps;
    let attempt = earlier;
    if (attempt.status === 'pending' || attempt.status === 'unknown') {
      const resolution = await resolveOrReport(context, attempt);
      attempt = context.journal.attempt(attempt.transactionId) ?? attempt;
      if (attempt.status === 'pending' || attempt.status === 'unknown') {
        if (resolution.result === 'unreachable') {
          this.defer(row, resolution.message);
          return 'unreachable';
        }
        // The gateway answered but would not undo it: forwarding could charge twice, so a person decides.
        context.journal.finishOfflineSale(row.id, { state: 'exception', reason: 'EARLIER_ATTEMPT_IN_DOUBT', message: `${resolution.message} (${forwardOperatorNote})` });
        return 'exception';
      }
    }
    if (attempt.status === 'approved' && attempt.gatewayId !== null) return this.paidBy(row, attempt, attempt.gatewayId);
    if (attempt.status === 'partially-approved') {
      context.journal.finishOfflineSale(row.id, {
        state: 'exception',
        reason: 'EARLIER_ATTEMPT_IN_DOUBT',
        message: `its online attempt ${attempt.transactionId} holds part of the amount: release it or take the rest before collecting (${forwardOperatorNote})`,
      });
      return 'exception';
    }
    return 'clear';
  }

  /** The journal holds an approval for this sale: it is paid, by its original attempt or by a forward whose outcome the queue row missed. */
  private paidBy(row: OfflineSaleRow, approved: AttemptRow, gatewayId: string): ForwardResult {
    const { context } = this.deps;
    const byOriginal = approved.transactionId === row.originalTransactionId;
    context.journal.finishOfflineSale(row.id, {
      state: 'forwarded',
      gatewayId,
      approvalCode: approved.approvalCode,
      ...(byOriginal ? { paidOnlineBy: approved.transactionId } : {}),
    });
    if (!byOriginal) return 'forwarded';
    context.logger.log('warn', 'offline sale paid by its online attempt: not forwarded', { offlineId: row.id, transactionId: approved.transactionId, amountMinor: row.amountMinor });
    return 'paid-online';
  }

  /** One forward through the runner: journaled before it leaves, its lost answer undone before this returns. */
  private async sendForward(row: OfflineSaleRow, payment: SealedPayment): Promise<ForwardResult | 'resend'> {
    const { context } = this.deps;
    const { journal } = context;
    const pointOfSale = payment.pointOfSale === undefined ? undefined : { ...payment.pointOfSale, storeAndForward: true };
    let sent: Awaited<ReturnType<typeof runAttempt>>;
    try {
      sent = await runAttempt(
        context,
        {
          kind: 'sale',
          owner: { orderId: row.orderId },
          amountMinor: row.amountMinor,
          currency: row.currency,
          card: { maskedPan: row.maskedPan, brand: row.cardBrand, entryMode: row.entryMode, fingerprint: row.cardFingerprint },
          operatorId: row.operatorId,
        },
        (transactionId) => ({
          operation: 'sale',
          input: {
            reference: { code: row.orderId, transactionId },
            amount: row.amountMinor,
            currency: row.currency,
            ...(payment.card === undefined ? {} : { card: payment.card }),
            ...(pointOfSale === undefined ? {} : { pointOfSale }),
          },
        }),
        {
          // A crash mid-request leaves a pending forward, named on the queue row, that is undone before the next send.
          withPending: (transactionId) => journal.markOfflineForward(row.id, transactionId),
          withOutcome: (_attempt, outcome) => {
            const final = finalResult(outcome);
            if (final) journal.finishOfflineSale(row.id, final);
          },
        },
      );
    } catch (error) {
      if (!(error instanceof GatewayInputError)) throw error;
      // The sealed data no longer makes a valid request (e.g. the card expired meanwhile): a person must collect it.
      journal.finishOfflineSale(row.id, { state: 'exception', reason: 'INVALID_CARD_DATA', message: error.message });
      return 'exception';
    }
    const { row: attempt, outcome, resolution } = sent;
    switch (outcome.kind) {
      case 'approved':
        context.logger.log('info', 'offline sale forwarded', { offlineId: row.id, transactionId: attempt.transactionId, amountMinor: row.amountMinor });
        return 'forwarded';
      case 'declined':
        context.logger.log('warn', 'offline sale declined on forward', { offlineId: row.id, transactionId: attempt.transactionId, reason: outcome.reason });
        return 'exception';
      case 'invalid-request':
        return 'exception';
      case 'partially-approved': {
        // Only part approved and not captured: give the hold back and let a person collect the whole amount.
        const release = await releaseHold(context, attempt, outcome.authorizedMinor, row.operatorId);
        journal.finishOfflineSale(row.id, {
          state: 'exception',
          reason: 'PARTIALLY_APPROVED',
          message: release.released ? 'the card approved only part of the amount; the hold was released' : `the card approved only part of the amount; ${release.message}`,
        });
        return 'exception';
      }
      case 'authentication-failed':
        this.defer(row, outcome.message);
        return 'unreachable';
      case 'unknown-outcome': {
        if (!resolution) {
          this.defer(row, `${outcome.cause}: ${outcome.message}`);
          return 'unreachable';
        }
        if (leftNothing(resolution.result)) return 'resend';
        if (resolution.result === 'unreachable') {
          this.defer(row, resolution.message);
          return 'unreachable';
        }
        journal.finishOfflineSale(row.id, { state: 'exception', reason: 'EARLIER_ATTEMPT_IN_DOUBT', message: `${resolution.message} (${forwardOperatorNote})` });
        return 'exception';
      }
    }
  }

  private defer(row: OfflineSaleRow, why: string): void {
    const { context } = this.deps;
    const current = context.journal.offlineSale(row.id);
    if (current?.state !== 'queued') return;
    const ceiling = Math.min(this.options.backoffMaxMs ?? 300_000, (this.options.backoffBaseMs ?? 2_000) * 2 ** Math.min(current.tries, 20));
    const delay = Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
    context.journal.deferOfflineSale(row.id, context.clock().getTime() + delay, why);
  }
}

/** The queue row's final state for an outcome that ends the forward, written with the outcome itself. */
function finalResult(outcome: GatewayOutcome): OfflineForwardResult | undefined {
  switch (outcome.kind) {
    case 'approved':
      return { state: 'forwarded', gatewayId: outcome.id, approvalCode: outcome.approvalCode ?? null };
    case 'declined':
    case 'invalid-request':
      return { state: 'exception', reason: outcome.reason, message: outcome.message ?? null };
    default:
      return undefined;
  }
}
