/**
 * The offline queue: sales approved by the terminal while the gateway could not be reached, with
 * their card data sealed (AES-256-GCM, sealed and opened in main/offline) until the forward
 * outcome is final, and the declines that came back after forwarding (exceptions).
 */
import type Database from 'better-sqlite3';
import type { CurrencyCode } from '../../../preload/currency';
import type { JournalContext } from './journal-context';
import { JournalError } from './journal-error';
import type { TimeWindow } from './records';
import { checkAmount, checkCurrency, checkId, checkText, checkTime } from './value-checks';

export type OfflineSaleState = 'queued' | 'forwarded' | 'exception' | 'collected' | 'written-off' | 'cancelled';
export type OfflineEntryMode = 'swiped' | 'contact' | 'contactless' | 'msd';

export interface OfflineSaleRow {
  id: number;
  orderId: string;
  originalTransactionId: string | null;
  currency: CurrencyCode;
  amountMinor: number;
  maskedPan: string;
  cardBrand: string;
  entryMode: OfflineEntryMode;
  cardFingerprint: string;
  state: OfflineSaleState;
  tries: number;
  nextTryAtMs: number;
  lastError: string | null;
  forwardTransactionId: string | null;
  gatewayId: string | null;
  approvalCode: string | null;
  declineReason: string | null;
  declineMessage: string | null;
  flaggedAtMs: number | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
  operatorId: string;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface NewOfflineSale {
  orderId: string;
  /** The online attempt that got no usable answer, if one was sent. */
  originalTransactionId?: string | undefined;
  amountMinor: number;
  currency: CurrencyCode;
  card: { maskedPan: string; brand: string; entryMode: OfflineEntryMode; fingerprint: string };
  operatorId: string;
  sealedCard: Buffer;
}

export type OfflineForwardResult =
  /** `paidOnlineBy`: the online attempt it fell back from was approved after all; nothing was forwarded, and that attempt is the one the books count. */
  | { state: 'forwarded'; gatewayId: string; approvalCode: string | null; paidOnlineBy?: string }
  | { state: 'exception'; reason: string; message: string | null };

export interface OfflineQueueTotals {
  count: number;
  amountMinor: number;
  oldestAtMs: number | null;
  flagged: number;
  exceptions: number;
  exceptionsMinor: number;
}

export interface OfflineDayTotalRow {
  state: OfflineSaleState;
  currency: CurrencyCode;
  count: number;
  totalMinor: number;
}

const select = `
  SELECT id, order_id AS orderId, original_transaction_id AS originalTransactionId, currency, amount_minor AS amountMinor,
    masked_pan AS maskedPan, card_brand AS cardBrand, entry_mode AS entryMode, card_fingerprint AS cardFingerprint, state, tries,
    next_try_at AS nextTryAtMs, last_error AS lastError, forward_transaction_id AS forwardTransactionId, gateway_id AS gatewayId,
    approval_code AS approvalCode, decline_reason AS declineReason, decline_message AS declineMessage, flagged_at AS flaggedAtMs,
    resolved_by AS resolvedBy, resolution_note AS resolutionNote, operator_id AS operatorId, created_at AS createdAtMs, updated_at AS updatedAtMs
  FROM offline_sales`;

export function offlineSaleRecords(ctx: JournalContext) {
  let insert: Database.Statement | undefined;
  const offlineSale = (id: number): OfflineSaleRow | undefined => ctx.one<OfflineSaleRow>(`${select} WHERE id = ?`, id);
  const mustBe = (id: number, states: OfflineSaleState[]): OfflineSaleRow => {
    const row = offlineSale(id);
    if (!row) throw new JournalError('NOT_FOUND', `no offline sale ${id}`);
    if (!states.includes(row.state)) throw new JournalError('WRONG_STATE', `offline sale ${id} is ${row.state}`);
    return row;
  };

  return {
    /** Queues a sale approved offline and marks its order offline, in one transaction. */
    enqueueOfflineSale(input: NewOfflineSale): OfflineSaleRow {
      checkId('orderId', input.orderId, 50);
      checkAmount('amountMinor', input.amountMinor);
      checkCurrency(input.currency);
      checkId('operatorId', input.operatorId, 64);
      if (input.sealedCard.length < 29) throw new JournalError('INVALID_VALUE', 'sealedCard: not a sealed card');
      return ctx.write(`offline sale for ${input.orderId}`, () => {
        const now = ctx.now();
        const marked = ctx.run(`UPDATE orders SET offline = 1, updated_at = ? WHERE id = ?`, now, input.orderId);
        if (marked.changes !== 1) throw new JournalError('NOT_FOUND', `no order ${input.orderId}`);
        // Prepared here rather than through ctx.run: the sealed card binds as a Buffer, so SQLite stores a BLOB.
        insert ??= ctx.db.prepare(
          `INSERT INTO offline_sales (order_id, original_transaction_id, currency, amount_minor, masked_pan, card_brand, entry_mode,
             card_fingerprint, sealed_card, next_try_at, operator_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        const { lastInsertRowid } = insert.run(
          input.orderId, input.originalTransactionId ?? null, input.currency, input.amountMinor, input.card.maskedPan, input.card.brand,
          input.card.entryMode, input.card.fingerprint, input.sealedCard, now, input.operatorId, now, now,
        );
        return offlineSale(Number(lastInsertRowid)) as OfflineSaleRow;
      });
    },

    offlineSale,

    offlineSaleOfOrder(orderId: string): OfflineSaleRow | undefined {
      return ctx.one<OfflineSaleRow>(`${select} WHERE order_id = ?`, orderId);
    },

    /** The sealed card of a queued sale; undefined once wiped. */
    sealedCardOf(id: number): Buffer | undefined {
      const row = ctx.db.prepare(`SELECT sealed_card AS sealed FROM offline_sales WHERE id = ?`).get(id) as { sealed: Buffer | null } | undefined;
      return row?.sealed ?? undefined;
    },

    /** Queued sales, oldest first (FIFO); `dueAtMs` keeps back the ones waiting out a backoff. */
    queuedOfflineSales(dueAtMs = Number.MAX_SAFE_INTEGER): OfflineSaleRow[] {
      return ctx.all<OfflineSaleRow>(`${select} WHERE state = 'queued' AND next_try_at <= ? ORDER BY id`, dueAtMs);
    },

    offlineQueueTotals(): OfflineQueueTotals {
      const queued = ctx.one<{ count: number; amountMinor: number; oldestAtMs: number | null; flagged: number }>(
        `SELECT count(*) AS count, coalesce(sum(amount_minor), 0) AS amountMinor, min(created_at) AS oldestAtMs,
           count(flagged_at) AS flagged FROM offline_sales WHERE state = 'queued'`,
      );
      const exceptions = ctx.one<{ count: number; amountMinor: number }>(
        `SELECT count(*) AS count, coalesce(sum(amount_minor), 0) AS amountMinor FROM offline_sales WHERE state = 'exception'`,
      );
      return {
        count: queued?.count ?? 0,
        amountMinor: queued?.amountMinor ?? 0,
        oldestAtMs: queued?.oldestAtMs ?? null,
        flagged: queued?.flagged ?? 0,
        exceptions: exceptions?.count ?? 0,
        exceptionsMinor: exceptions?.amountMinor ?? 0,
      };
    },

    /** Sales of this card still waiting to be forwarded (the per-card repeat rule). */
    queuedOfflineSalesOfCard(fingerprint: string): number {
      return ctx.one<{ count: number }>(`SELECT count(*) AS count FROM offline_sales WHERE state = 'queued' AND card_fingerprint = ?`, fingerprint)?.count ?? 0;
    },

    /** Puts a forward off until `nextTryAtMs` (a backoff), keeping why. */
    deferOfflineSale(id: number, nextTryAtMs: number, error: string): OfflineSaleRow {
      checkTime('nextTryAtMs', nextTryAtMs);
      return ctx.write(`deferring offline sale ${id}`, () => {
        mustBe(id, ['queued']);
        ctx.run(`UPDATE offline_sales SET tries = tries + 1, next_try_at = ?, last_error = ?, updated_at = ? WHERE id = ?`, nextTryAtMs, error.slice(0, 500), ctx.now(), id);
        return offlineSale(id) as OfflineSaleRow;
      });
    },

    /** Marks a forward attempt (already written pending) as offline and names it on its queue row: call inside the same transaction. */
    markOfflineForward(id: number, transactionId: string): void {
      ctx.write(`marking forward ${transactionId}`, () => {
        mustBe(id, ['queued']);
        ctx.run(`UPDATE attempts SET offline = 1 WHERE transaction_id = ?`, transactionId);
        ctx.run(`UPDATE offline_sales SET forward_transaction_id = ?, updated_at = ? WHERE id = ?`, transactionId, ctx.now(), id);
      });
    },

    /** The forward's final outcome: the card data is wiped in the same transaction. */
    finishOfflineSale(id: number, result: OfflineForwardResult): OfflineSaleRow {
      return ctx.write(`finishing offline sale ${id}`, () => {
        mustBe(id, ['queued']);
        const now = ctx.now();
        if (result.state === 'forwarded') {
          checkId('gatewayId', result.gatewayId, 64);
          ctx.run(
            `UPDATE offline_sales SET state = 'forwarded', sealed_card = NULL, gateway_id = ?, approval_code = ?, last_error = NULL, updated_at = ? WHERE id = ?`,
            result.gatewayId, result.approvalCode, now, id,
          );
          if (result.paidOnlineBy !== undefined) {
            checkId('paidOnlineBy', result.paidOnlineBy, 64);
            ctx.run(
              `UPDATE offline_sales SET forward_transaction_id = ?, resolution_note = ? WHERE id = ?`,
              result.paidOnlineBy, 'paid online: the attempt it fell back from was approved; not forwarded', id,
            );
          }
        } else {
          checkText('reason', result.reason, 100);
          ctx.run(
            `UPDATE offline_sales SET state = 'exception', sealed_card = NULL, decline_reason = ?, decline_message = ?, updated_at = ? WHERE id = ?`,
            result.reason, result.message?.slice(0, 500) ?? null, now, id,
          );
        }
        return offlineSale(id) as OfflineSaleRow;
      });
    },

    /** A declined forward settled by a person: collected another way, or written off. */
    resolveOfflineException(id: number, resolution: { state: 'collected' | 'written-off'; by: string; note?: string | undefined }): OfflineSaleRow {
      checkId('by', resolution.by, 64);
      if (resolution.note !== undefined) checkText('note', resolution.note, 200);
      return ctx.write(`resolving offline exception ${id}`, () => {
        mustBe(id, ['exception']);
        ctx.run(`UPDATE offline_sales SET state = ?, resolved_by = ?, resolution_note = ?, updated_at = ? WHERE id = ?`, resolution.state, resolution.by, resolution.note ?? null, ctx.now(), id);
        return offlineSale(id) as OfflineSaleRow;
      });
    },

    offlineExceptions(): OfflineSaleRow[] {
      return ctx.all<OfflineSaleRow>(`${select} WHERE state = 'exception' ORDER BY id`);
    },

    /** Flags queued sales made before `beforeMs` (past the maximum age); returns how many were newly flagged. */
    flagOverdueOfflineSales(beforeMs: number): number {
      checkTime('beforeMs', beforeMs);
      return ctx.write('flagging overdue offline sales', () => ctx.run(`UPDATE offline_sales SET flagged_at = ?, updated_at = ? WHERE state = 'queued' AND flagged_at IS NULL AND created_at < ?`, ctx.now(), ctx.now(), beforeMs).changes);
    },

    /** Offline sales made in `window`, by state and currency: the day report's offline lines. */
    offlineDayTotals(window: TimeWindow): OfflineDayTotalRow[] {
      checkTime('fromMs', window.fromMs);
      checkTime('toMs', window.toMs);
      return ctx.all<OfflineDayTotalRow>(
        `SELECT state, currency, count(*) AS count, sum(amount_minor) AS totalMinor FROM offline_sales
         WHERE created_at >= ? AND created_at < ? GROUP BY 1, 2 ORDER BY 1, 2`,
        window.fromMs, window.toMs,
      );
    },
  };
}
