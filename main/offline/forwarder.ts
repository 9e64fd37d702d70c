/**
 * Forwarding the offline queue once the gateway answers again: oldest first, a few at a time, each
 * as a sale flagged store-and-forward with its own transactionId written to the journal before it
 * leaves. Exactly once is kept by three rules: the online attempt a sale fell back from is undone
 * (recovery's timeout reversal) before its first forward; a forward without a usable answer is
 * undone the same way before it is sent again with a fresh transactionId; and the outcome, the
 * queue row and the wipe of the sealed card are written in one transaction.
 */
import type { GatewayOutcome } from '../gateway/outcomes';
import type { GatewayClient } from '../gateway/client';
import { GatewayInputError } from '../gateway/inputs';
import { releaseHold } from '../payments/card-charge';
import { outcomeFromGateway } from '../payments/journal/gateway-outcome';
import type { OfflineForwardResult, OfflineSaleRow } from '../payments/journal/offline-sales';
import type { AttemptRow } from '../payments/journal/records';
import type { PaymentContext } from '../payments/payment-context';
import { exclusively, runtimeOf } from '../payments/payment-runtime';
import { leftNothing, recoveryNeeded, resolveAttempt, startRecovery } from '../payments/recovery';
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

export type ForwardResult = 'forwarded' | 'exception' | 'deferred' | 'unreachable' | 'skipped';

export interface DrainReport {
  forwarded: number;
  exceptions: number;
  deferred: number;
  /** Stopped early: the gateway stopped answering. */
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
        return { forwarded: 0, exceptions: 0, deferred: 0, unreachable: true };
      })
      .finally(() => {
        this.draining = undefined;
      });
    return this.draining;
  }

  private async runDrain(): Promise<DrainReport> {
    const { context } = this.deps;
    const report: DrainReport = { forwarded: 0, exceptions: 0, deferred: 0, unreachable: false };
    // Undos queued while the gateway was away go first: no original may settle next to its forward.
    if (recoveryNeeded(context)) {
      const recovery = await startRecovery(context);
      if (recovery.items.some((item) => item.result === 'unreachable')) context.logger.log('warn', 'offline forward: some undos still unreachable', {});
    }
    const due = context.journal.queuedOfflineSales(context.clock().getTime());
    let next = 0;
    const worker = async (): Promise<void> => {
      while (!report.unreachable) {
        const row = due[next++];
        if (!row) return;
        const result = await this.forward(row);
        if (result === 'forwarded') report.forwarded += 1;
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
        // The journal or the keychain failed: leave the item queued and try again later.
        const message = error instanceof Error ? error.message : String(error);
        context.logger.log('error', 'offline forward failed', { offlineId: row.id, message });
        this.defer(current, message);
        return 'deferred';
      }
    });
  }

  private async forwardQueued(row: OfflineSaleRow): Promise<ForwardResult> {
    const { context } = this.deps;
    const { journal } = context;
    // 1. The online attempt it fell back from, and any forward a crash left without an answer, are undone first.
    const leftovers = journal.history({ orderId: row.orderId }).filter((attempt) => attempt.kind === 'sale');
    for (const attempt of leftovers) {
      if (attempt.status === 'approved' && attempt.gatewayId !== null) {
        // Only possible if the journal holds an approval the queue row missed: the sale is paid.
        journal.finishOfflineSale(row.id, { state: 'forwarded', gatewayId: attempt.gatewayId, approvalCode: attempt.approvalCode });
        return 'forwarded';
      }
      if (attempt.status !== 'pending' && attempt.status !== 'unknown') continue;
      const settled = await this.undo(row, attempt);
      if (settled !== 'undone') return settled;
    }

    // 2. Send, with a fresh transactionId each time the previous try was undone.
    const sealed = journal.sealedCardOf(row.id);
    if (!sealed) throw new Error(`offline sale ${row.id} is queued without its card data`);
    const plain = await this.deps.sealer.open(sealed, row.orderId);
    let payment: SealedPayment;
    try {
      payment = JSON.parse(plain.toString('utf8')) as SealedPayment;
    } finally {
      plain.fill(0);
    }
    const client = await context.gateway();
    const resends = this.options.maxResendsPerPass ?? 3;
    for (let attemptNo = 0; attemptNo <= resends; attemptNo++) {
      const result = await this.sendOnce(row, payment, client);
      if (result !== 'resend') return result;
    }
    this.defer(row, `forward undone ${resends + 1} times without an answer`);
    return 'deferred';
  }

  private async sendOnce(row: OfflineSaleRow, payment: SealedPayment, client: GatewayClient): Promise<ForwardResult | 'resend'> {
    const { context } = this.deps;
    const { journal } = context;
    const transactionId = context.newTransactionId();
    const { inFlight } = runtimeOf(context);
    inFlight.add(transactionId);
    try {
      // Written before it leaves: a crash mid-request leaves a pending forward that is undone before the next send.
      journal.atomically(() => {
        journal.recordAttemptPending({
          transactionId,
          kind: 'sale',
          owner: { orderId: row.orderId },
          amountMinor: row.amountMinor,
          currency: row.currency,
          card: { maskedPan: row.maskedPan, brand: row.cardBrand, entryMode: row.entryMode, fingerprint: row.cardFingerprint },
          operatorId: row.operatorId,
        });
        journal.markOfflineForward(row.id, transactionId);
      });
      const pointOfSale = payment.pointOfSale === undefined ? undefined : { ...payment.pointOfSale, storeAndForward: true };
      let outcome: GatewayOutcome;
      try {
        outcome = await client.sale({
          reference: { code: row.orderId, transactionId },
          amount: row.amountMinor,
          currency: row.currency,
          ...(payment.card === undefined ? {} : { card: payment.card }),
          ...(pointOfSale === undefined ? {} : { pointOfSale }),
        });
      } catch (error) {
        if (!(error instanceof GatewayInputError)) throw error;
        // The sealed data no longer makes a valid request (e.g. the card expired meanwhile): a person must collect it.
        journal.atomically(() => {
          journal.settleAttempt(transactionId, { status: 'failed', message: error.message });
          journal.finishOfflineSale(row.id, { state: 'exception', reason: 'INVALID_CARD_DATA', message: error.message });
        });
        return 'exception';
      }
      return await this.settle(row, transactionId, outcome);
    } finally {
      inFlight.delete(transactionId);
    }
  }

  private async settle(row: OfflineSaleRow, transactionId: string, outcome: GatewayOutcome): Promise<ForwardResult | 'resend'> {
    const { context } = this.deps;
    const { journal } = context;
    const final = (result: OfflineForwardResult): void => {
      journal.atomically(() => {
        journal.settleAttempt(transactionId, outcomeFromGateway(outcome));
        journal.finishOfflineSale(row.id, result);
      });
    };
    switch (outcome.kind) {
      case 'approved':
        final({ state: 'forwarded', gatewayId: outcome.id, approvalCode: outcome.approvalCode ?? null });
        context.logger.log('info', 'offline sale forwarded', { offlineId: row.id, transactionId, amountMinor: row.amountMinor });
        return 'forwarded';
      case 'declined':
        final({ state: 'exception', reason: outcome.reason, message: outcome.message ?? null });
        context.logger.log('warn', 'offline sale declined on forward', { offlineId: row.id, transactionId, reason: outcome.reason });
        return 'exception';
      case 'invalid-request':
        final({ state: 'exception', reason: outcome.reason, message: outcome.message ?? null });
        return 'exception';
      case 'partially-approved': {
        // Only part approved and not captured: give the hold back and let a person collect the whole amount.
        const settled = journal.settleAttempt(transactionId, outcomeFromGateway(outcome));
        const release = await releaseHold(context, settled, outcome.authorizedMinor, row.operatorId);
        journal.finishOfflineSale(row.id, {
          state: 'exception',
          reason: 'PARTIALLY_APPROVED',
          message: release.released ? 'the card approved only part of the amount; the hold was released' : `the card approved only part of the amount; ${release.message}`,
        });
        return 'exception';
      }
      case 'authentication-failed':
        journal.settleAttempt(transactionId, outcomeFromGateway(outcome));
        this.defer(row, outcome.message);
        return 'unreachable';
      case 'unknown-outcome': {
        const settled = journal.settleAttempt(transactionId, outcomeFromGateway(outcome));
        if (!outcome.requestSent) {
          this.defer(row, `${outcome.cause}: ${outcome.message}`);
          return 'unreachable';
        }
        const undone = await this.undo(row, settled);
        return undone === 'undone' ? 'resend' : undone;
      }
    }
  }

  /** Undoes an attempt with no known outcome (recovery's timeout reversal by its transactionId). */
  private async undo(row: OfflineSaleRow, attempt: AttemptRow): Promise<'undone' | ForwardResult> {
    const { context } = this.deps;
    let result: Awaited<ReturnType<typeof resolveAttempt>>['result'];
    let message: string;
    try {
      ({ result, message } = await resolveAttempt(context, attempt));
    } catch (error) {
      result = 'unreachable';
      message = error instanceof Error ? error.message : String(error);
    }
    if (leftNothing(result)) return 'undone';
    const now = context.journal.attempt(attempt.transactionId);
    if (now && now.status !== 'pending' && now.status !== 'unknown') {
      if (now.status !== 'approved' || now.gatewayId === null) return 'undone';
      context.journal.finishOfflineSale(row.id, { state: 'forwarded', gatewayId: now.gatewayId, approvalCode: now.approvalCode });
      return 'forwarded';
    }
    if (result === 'unreachable') {
      this.defer(row, message);
      return 'unreachable';
    }
    // The gateway answered but would not undo it: forwarding again could charge twice, so a person decides.
    context.journal.finishOfflineSale(row.id, { state: 'exception', reason: 'EARLIER_ATTEMPT_IN_DOUBT', message: `${message} (${forwardOperatorNote})` });
    return 'exception';
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
