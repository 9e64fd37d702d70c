/**
 * Gateway attempts: written as `pending` before the request leaves, settled when the answer
 * (or the lack of one) is known. Anything still pending or unknown at start is recovery's work.
 */
import { redactCardNumbers } from './card-data';
import { applySettlement } from './attempt-effects';
import { JournalError } from './journal-error';
import type { JournalContext } from './journal-context';
import { attemptKinds, type AttemptKind, type AttemptOutcome, type AttemptOwner, type AttemptRow, type NewAttempt } from './records';
import { isSettledOk, isUnresolved, primaryKinds, storedAttempt, type StoredAttempt } from './stored-attempt';
import { tillSessionForMoney } from './till-sessions';
import { checkAmount, checkCard, checkCurrency, checkId, checkOneOf, checkText } from './value-checks';

export const attemptSelect = `
  SELECT a.id, a.transaction_id AS transactionId, a.kind,
    CASE WHEN a.order_id IS NOT NULL THEN 'order' WHEN a.tab_id IS NOT NULL THEN 'tab' ELSE 'session' END AS ownerKind,
    coalesce(a.order_id, a.tab_id, a.session_id) AS reference, p.transaction_id AS parentTransactionId,
    a.currency, a.amount_minor AS amountMinor, a.approved_minor AS approvedMinor, a.masked_pan AS maskedPan, a.card_brand AS cardBrand,
    a.entry_mode AS entryMode, a.card_fingerprint AS cardFingerprint, a.status, a.gateway_id AS gatewayId,
    a.approval_code AS approvalCode, a.decline_reason AS declineReason, a.insight_category AS insightCategory, a.message,
    a.raw_response AS rawResponse, a.operator_id AS operatorId, a.manager_id AS managerId,
    a.created_at AS createdAtMs, a.updated_at AS updatedAtMs
  FROM attempts a LEFT JOIN attempts p ON p.id = a.parent_id`;

export const unresolvedSql = `${attemptSelect} WHERE a.status IN ('pending', 'unknown') ORDER BY a.id`;
export const historySql = {
  order: `${attemptSelect} WHERE a.order_id = ? ORDER BY a.id`,
  tab: `${attemptSelect} WHERE a.tab_id = ? ORDER BY a.id`,
  session: `${attemptSelect} WHERE a.session_id = ? ORDER BY a.id`,
};

/** Follow-on requests name the attempt they act on; the journal links them so history and limits can follow. */
const kindsWithParent: ReadonlySet<AttemptKind> = new Set<AttemptKind>(['capture', 'incremental', 'reversal', 'void', 'refund', 'timeout-reversal', 'timeout-void']);
const voidableKinds: ReadonlySet<AttemptKind> = new Set<AttemptKind>(['sale', 'capture', 'forced-capture', 'refund', 'credit', 'mit']);
const refundableKinds: ReadonlySet<AttemptKind> = new Set<AttemptKind>(['sale', 'capture', 'forced-capture', 'mit']);

type OwnerColumns = [orderId: string | null, tabId: string | null, sessionId: string | null];

function ownerColumns(owner: AttemptOwner): OwnerColumns {
  if ('orderId' in owner) return [owner.orderId, null, null];
  if ('tabId' in owner) return [null, owner.tabId, null];
  return [null, null, owner.sessionId];
}

export function attemptRecords(ctx: JournalContext) {
  const attempt = (transactionId: string): AttemptRow | undefined => ctx.one<AttemptRow>(`${attemptSelect} WHERE a.transaction_id = ?`, transactionId);

  /** What of a captured amount is still refundable: approved refunds not voided, and refunds in flight, count against it. */
  const refundableOf = (parent: StoredAttempt): number => {
    const taken = ctx.one<{ minor: number }>(
      `SELECT coalesce(sum(CASE WHEN r.status IN ('pending', 'unknown') THEN r.amount_minor ELSE r.approved_minor END), 0) AS minor
       FROM attempts r
       WHERE r.parent_id = ? AND r.kind = 'refund' AND r.status IN ('pending', 'unknown', 'approved', 'partially-approved')
         AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.voided_attempt_id = r.id)`,
      parent.id,
    );
    return Math.max(0, (parent.approved_minor ?? 0) - (taken?.minor ?? 0));
  };

  /** The rules a new attempt must meet against what is already stored; throws without writing. */
  const checkAgainstJournal = (input: NewAttempt, [orderId, tabId, sessionId]: OwnerColumns, parent: StoredAttempt | undefined): void => {
    const refuse = (code: 'WRONG_STATE' | 'OVER_LIMIT' | 'DUPLICATE', message: string): never => {
      throw new JournalError(code, `${input.kind} ${input.transactionId}: ${message}`);
    };
    if (parent) {
      if (!isSettledOk(parent.status) && input.kind !== 'timeout-reversal' && input.kind !== 'timeout-void') {
        refuse('WRONG_STATE', `the attempt it acts on (${parent.transaction_id}) is ${parent.status}`);
      }
      if (parent.currency !== input.currency) refuse('WRONG_STATE', `currency ${input.currency} differs from ${parent.currency}`);
    }
    if (input.kind === 'void' && parent) {
      if (!voidableKinds.has(parent.kind)) refuse('WRONG_STATE', `a ${parent.kind} cannot be voided`);
      const live = ctx.one(`SELECT 1 FROM attempts WHERE parent_id = ? AND kind = 'void' AND status IN ('pending', 'unknown', 'approved')`, parent.id);
      if (live) refuse('DUPLICATE', `${parent.transaction_id} is already voided or being voided`);
      // As the gateway says: void the refunds first (a voided capture's amount leaves captured_minor, which refunds may not exceed).
      const refunded = ctx.one(
        `SELECT 1 FROM attempts r WHERE r.parent_id = ? AND r.kind = 'refund' AND r.status IN ('pending', 'unknown', 'approved', 'partially-approved')
           AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.voided_attempt_id = r.id)`,
        parent.id,
      );
      if (refunded) refuse('WRONG_STATE', `${parent.transaction_id} has refunds: void them first`);
    }
    if (input.kind === 'refund' && parent) {
      if (!refundableKinds.has(parent.kind)) refuse('WRONG_STATE', `a ${parent.kind} cannot be refunded`);
      if (ctx.one(`SELECT 1 FROM voids WHERE voided_attempt_id = ?`, parent.id)) refuse('WRONG_STATE', `${parent.transaction_id} was voided`);
      const refundable = refundableOf(parent);
      if (input.amountMinor > refundable) refuse('OVER_LIMIT', `refunds may total at most what was captured: ${refundable} left`);
    }
    if (orderId !== null) {
      const order = ctx.one<{ state: string; authorized_minor: number; captured_minor: number }>(`SELECT state, authorized_minor, captured_minor FROM orders WHERE id = ?`, orderId);
      if (!order) throw new JournalError('NOT_FOUND', `no order ${orderId}`);
      if (primaryKinds.has(input.kind) && input.kind !== 'verify') {
        if (!['open', 'declined', 'failed', 'cancelled'].includes(order.state)) refuse('WRONG_STATE', `order ${orderId} is ${order.state}`);
        const inFlight = ctx.one(`SELECT 1 FROM attempts WHERE order_id = ? AND status IN ('pending', 'unknown') AND kind IN ('sale', 'authorize', 'forced-capture', 'credit')`, orderId);
        if (inFlight) refuse('WRONG_STATE', `order ${orderId} has an attempt whose outcome is not known yet`);
      }
      if ((input.kind === 'capture' || input.kind === 'incremental' || input.kind === 'reversal') && order.state !== 'authorized' && order.state !== 'paid') {
        refuse('WRONG_STATE', `order ${orderId} is ${order.state}`);
      }
      if (input.kind === 'capture' && input.amountMinor > order.authorized_minor - order.captured_minor) {
        refuse('OVER_LIMIT', `capture exceeds the authorized amount left (${order.authorized_minor - order.captured_minor}); ask for an incremental authorization first`);
      }
    }
    if (tabId !== null) {
      const tab = ctx.one<{ state: string; held_minor: number }>(`SELECT state, held_minor FROM tabs WHERE id = ?`, tabId);
      if (!tab) throw new JournalError('NOT_FOUND', `no tab ${tabId}`);
      const live = tab.state === 'open' || tab.state === 'flagged';
      if (input.kind === 'authorize' && !live && tab.state !== 'opening') refuse('WRONG_STATE', `tab ${tabId} is ${tab.state}`);
      if ((input.kind === 'incremental' || input.kind === 'capture') && !live) refuse('WRONG_STATE', `tab ${tabId} is ${tab.state}`);
      if (input.kind === 'capture' && input.amountMinor > tab.held_minor) {
        refuse('OVER_LIMIT', `capture of ${input.amountMinor} exceeds the ${tab.held_minor} held; ask for an incremental authorization first`);
      }
    }
    if (sessionId !== null) {
      const session = ctx.one<{ state: string; due: number }>(
        `SELECT state, total_minor - paid_minor - coalesce((SELECT sum(amount_minor) FROM attempts
           WHERE session_id = s.id AND kind IN ('authorize', 'sale') AND status IN ('pending', 'unknown')), 0) AS due
         FROM split_sessions s WHERE id = ?`,
        sessionId,
      );
      if (!session) throw new JournalError('NOT_FOUND', `no split-tender session ${sessionId}`);
      if (input.kind === 'authorize' || input.kind === 'sale') {
        if (session.state !== 'open') refuse('WRONG_STATE', `session ${sessionId} is ${session.state}`);
        if (input.amountMinor > session.due) refuse('OVER_LIMIT', `a tender of ${input.amountMinor} exceeds the balance due of ${session.due}`);
      }
      if (input.kind === 'capture' && parent) {
        const tender = ctx.one<{ amount_minor: number }>(`SELECT amount_minor FROM tenders WHERE attempt_id = ? AND state = 'authorized'`, parent.id);
        if (!tender) refuse('WRONG_STATE', `${parent.transaction_id} is not an authorized tender`);
        else if (input.amountMinor > tender.amount_minor) refuse('OVER_LIMIT', `capture exceeds the tender's ${tender.amount_minor}`);
      }
    }
  };

  return {
    /**
     * Writes the attempt before its request is sent, so a crash mid-request leaves a `pending`
     * row for recovery. Applies the journal's rules first (tender ≤ balance due, refunds ≤
     * captured, one void per capture, capture ≤ authorized) and writes nothing if one fails.
     */
    recordAttemptPending(input: NewAttempt): AttemptRow {
      checkId('transactionId', input.transactionId, 64);
      checkOneOf('kind', input.kind, attemptKinds);
      checkAmount('amountMinor', input.amountMinor);
      checkCurrency(input.currency);
      checkId('operatorId', input.operatorId, 64);
      if (input.managerId !== undefined) checkId('managerId', input.managerId, 64);
      if (input.card) checkCard(input.card);
      const owner = ownerColumns(input.owner);
      checkId('order, tab or session id', owner.find((column) => column !== null) ?? '');
      if (kindsWithParent.has(input.kind) && input.parentTransactionId === undefined) {
        throw new JournalError('INVALID_VALUE', `a ${input.kind} must name the attempt it acts on (parentTransactionId)`);
      }
      return ctx.write(`attempt ${input.transactionId}`, () => {
        let parent: StoredAttempt | undefined;
        if (input.parentTransactionId !== undefined) {
          parent = storedAttempt(ctx, input.parentTransactionId);
          if (!parent) throw new JournalError('NOT_FOUND', `no attempt ${input.parentTransactionId}`);
        }
        checkAgainstJournal(input, owner, parent);
        const now = ctx.now();
        const [orderId, tabId, sessionId] = owner;
        // A follow-on without its own card inherits the parent's, so lists and reports can show it.
        const card = input.card;
        ctx.run(
          `INSERT INTO attempts (transaction_id, kind, order_id, tab_id, session_id, parent_id, currency, amount_minor,
             masked_pan, card_brand, entry_mode, card_fingerprint, operator_id, manager_id, created_at, updated_at, till_session_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          input.transactionId, input.kind, orderId, tabId, sessionId, parent?.id ?? null, input.currency, input.amountMinor,
          card ? card.maskedPan : (parent?.masked_pan ?? null),
          card ? card.brand : (parent?.card_brand ?? null),
          card ? card.entryMode : (parent?.entry_mode ?? null),
          card ? (card.fingerprint ?? null) : (parent?.card_fingerprint ?? null),
          input.operatorId, input.managerId ?? null, now, now, tillSessionForMoney(ctx, input.currency, input.operatorId),
        );
        return attempt(input.transactionId) as AttemptRow;
      });
    },

    /**
     * Stores the outcome and, in the same transaction, what it changes: the order, tab or
     * session above it, the void or refund link, the card's decline count. A pending attempt may
     * become anything; an unknown one only a final outcome; a final one never changes.
     */
    settleAttempt(transactionId: string, outcome: AttemptOutcome): AttemptRow {
      checkOneOf('outcome status', outcome.status, ['approved', 'partially-approved', 'declined', 'invalid', 'failed', 'unknown', 'resolved'] as const);
      const fields = outcomeFields(outcome);
      return ctx.write(`settling attempt ${transactionId}`, () => {
        const stored = storedAttempt(ctx, transactionId);
        if (!stored) throw new JournalError('NOT_FOUND', `no attempt ${transactionId}`);
        if (!isUnresolved(stored.status) || (stored.status === 'unknown' && outcome.status === 'unknown')) {
          throw new JournalError('WRONG_STATE', `attempt ${transactionId} is already ${stored.status}`);
        }
        let approved: number | null = null;
        if (outcome.status === 'approved' || outcome.status === 'partially-approved') {
          approved = outcome.approvedMinor ?? stored.amount_minor;
          checkAmount('approvedMinor', approved);
          if (approved > stored.amount_minor) throw new JournalError('INVALID_VALUE', `approved ${approved} is more than the ${stored.amount_minor} asked`);
        }
        const now = ctx.now();
        ctx.run(
          `UPDATE attempts SET status = ?, approved_minor = ?, gateway_id = coalesce(?, gateway_id), approval_code = ?, decline_reason = ?,
             insight_category = ?, message = ?, raw_response = coalesce(?, raw_response), updated_at = ?
           WHERE id = ?`,
          outcome.status, approved, fields.gatewayId, fields.approvalCode, fields.declineReason, fields.insightCategory, fields.message,
          fields.rawResponse, now, stored.id,
        );
        if (outcome.status === 'declined' && stored.card_fingerprint !== null) {
          ctx.run(
            `INSERT INTO card_declines (card_fingerprint, attempt_id, insight_category, declined_at) VALUES (?, ?, ?, ?)`,
            stored.card_fingerprint, stored.id, fields.insightCategory, now,
          );
        }
        applySettlement(ctx, { ...stored, status: outcome.status, approved_minor: approved, gateway_id: fields.gatewayId ?? stored.gateway_id }, outcome, approved);
        return attempt(transactionId) as AttemptRow;
      });
    },

    attempt,

    /** Attempts whose outcome is not known (pending or unknown), oldest first: recovery resolves them before new work. */
    unresolvedAttempts(): AttemptRow[] {
      return ctx.all<AttemptRow>(unresolvedSql);
    },

    /** Every attempt for one order, tab or session, in the order they were made. */
    history(owner: AttemptOwner): AttemptRow[] {
      const [orderId, tabId, sessionId] = ownerColumns(owner);
      if (orderId !== null) return ctx.all<AttemptRow>(historySql.order, orderId);
      if (tabId !== null) return ctx.all<AttemptRow>(historySql.tab, tabId);
      return ctx.all<AttemptRow>(historySql.session, sessionId);
    },

    /** What may still be refunded of an approved sale or capture. */
    refundableMinor(transactionId: string): number {
      const stored = storedAttempt(ctx, transactionId);
      if (!stored) throw new JournalError('NOT_FOUND', `no attempt ${transactionId}`);
      if (!refundableKinds.has(stored.kind) || !isSettledOk(stored.status)) return 0;
      if (ctx.one(`SELECT 1 FROM voids WHERE voided_attempt_id = ?`, stored.id)) return 0;
      return refundableOf(stored);
    },
  };
}

interface OutcomeFields {
  gatewayId: string | null;
  approvalCode: string | null;
  declineReason: string | null;
  insightCategory: string | null;
  message: string | null;
  rawResponse: string | null;
}

/** The outcome's columns, checked: no card numbers in reasons or messages, and none kept from a raw body. */
function outcomeFields(outcome: AttemptOutcome): OutcomeFields {
  const fields: OutcomeFields = { gatewayId: null, approvalCode: null, declineReason: null, insightCategory: null, message: null, rawResponse: null };
  switch (outcome.status) {
    case 'approved':
    case 'partially-approved':
      checkId('gatewayId', outcome.gatewayId, 64);
      fields.gatewayId = outcome.gatewayId;
      if (outcome.approvalCode !== undefined) checkText('approvalCode', outcome.approvalCode, 16);
      fields.approvalCode = outcome.approvalCode ?? null;
      break;
    case 'declined':
      if (outcome.gatewayId !== undefined) checkId('gatewayId', outcome.gatewayId, 64);
      checkText('reason', outcome.reason, 100);
      if (outcome.insightCategory !== undefined) checkText('insightCategory', outcome.insightCategory, 8);
      fields.gatewayId = outcome.gatewayId ?? null;
      fields.declineReason = outcome.reason;
      fields.insightCategory = outcome.insightCategory ?? null;
      fields.message = outcome.message ?? null;
      break;
    case 'invalid':
      checkText('reason', outcome.reason, 100);
      fields.declineReason = outcome.reason;
      fields.message = outcome.message ?? null;
      break;
    case 'unknown':
      fields.message = outcome.message;
      fields.rawResponse = outcome.rawResponse === undefined ? null : redactCardNumbers(outcome.rawResponse).slice(0, 64_000);
      break;
    case 'failed':
    case 'resolved':
      fields.message = outcome.message;
      break;
  }
  if (fields.message !== null) {
    // Gateway messages are free text: blank anything card-like rather than lose the outcome.
    fields.message = redactCardNumbers(fields.message).slice(0, 500);
  }
  return fields;
}
