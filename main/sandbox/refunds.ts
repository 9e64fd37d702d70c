/**
 * Refunds (`POST /pts/v2/captures/{id}/refunds`, `POST /pts/v2/payments/{id}/refunds`): follow-on
 * credits of captured money, never more than captured − refunded, not of a voided capture, and
 * within 180 days of the authorization.
 */
import { amountOf, currencyOf, sameCurrency, totalAmountPath } from './amount-fields';
import { freshTransactionId, jsonObject } from './attempt-guard';
import { invalidField, invalidRequest } from './gateway-error';
import { formatAmount } from './money';
import { approvalCode, clientReferenceOf, digits, link, utcTimestamp } from './response-parts';
import type { RouteHandler } from './sandbox-context';
import { refundWindowMs, type LedgerEntry, type TransactionKind } from './transaction-ledger';

export function refundOf(kinds: readonly TransactionKind[], noun: string): RouteHandler {
  return ({ body: raw, params }, context) => {
    const now = context.now();
    const body = jsonObject(raw);
    const { ledger } = context;
    const target = ledger.get(params.id ?? '');
    if (!target || !kinds.includes(target.kind) || target.status === 'DECLINED') {
      throw invalidRequest('INVALID_DATA', `Declined - No ${noun} has this id.`, [{ field: 'id', reason: 'INVALID_DATA' }]);
    }
    if (target.voided) throw invalidRequest('CAPTURE_ALREADY_VOIDED', 'Declined - The capture was voided; there is nothing to refund.');
    const root: LedgerEntry = target.kind === 'capture' ? (ledger.get(target.parentId ?? '') ?? target) : target;
    if (now.getTime() - root.submittedAt.getTime() > refundWindowMs) {
      throw invalidRequest('INVALID_DATA', 'Declined - Refunds must be requested within 180 days of the authorization; use a stand-alone credit.', [{ field: 'id', reason: 'INVALID_DATA' }]);
    }
    const currency = currencyOf(body, target.currency);
    if (!sameCurrency(currency, target.currency)) throw invalidField('orderInformation.amountDetails.currency', 'differs from the capture');
    const amount = amountOf(body, totalAmountPath, currency);
    if (amount === 0) throw invalidRequest('INVALID_AMOUNT', 'Declined - The refund amount must be greater than zero.', [{ field: totalAmountPath, reason: 'INVALID_DATA' }]);
    const refundable = ledger.capturedOf(target) - ledger.refundedOf(target);
    if (refundable <= 0 && ledger.capturedOf(target) === 0) {
      throw invalidRequest('INVALID_DATA', 'Declined - Nothing was captured under this id; reverse the authorization instead.', [{ field: 'id', reason: 'INVALID_DATA' }]);
    }
    if (amount > refundable) {
      throw invalidRequest('INVALID_AMOUNT', `Declined - The refund exceeds the captured amount not yet refunded (${formatAmount(Math.max(refundable, 0), currency)}).`, [
        { field: totalAmountPath, reason: 'INVALID_DATA' },
      ]);
    }
    const transactionId = freshTransactionId(body, context, now);
    const clientReferenceInformation = clientReferenceOf(body, now, target.clientReferenceCode);
    const refund = ledger.draft(now, {
      kind: 'refund',
      status: 'PENDING',
      currency: target.currency,
      requestedMinor: amount,
      amountMinor: amount,
      parentId: target.id,
      clientReferenceCode: clientReferenceInformation.code,
      approvalCode: approvalCode(),
      ...(target.cardSuffix !== undefined ? { cardSuffix: target.cardSuffix } : {}),
      ...(target.cardType !== undefined ? { cardType: target.cardType } : {}),
      ...(transactionId !== undefined ? { clientTransactionId: transactionId } : {}),
    });
    ledger.record(refund);
    const card = { type: refund.cardType };
    const formatted = formatAmount(amount, currency);
    return {
      status: 201,
      body: {
        _links: { void: link('POST', `/pts/v2/credits/${refund.id}/voids`), self: link('GET', `/pts/v2/credits/${refund.id}`) },
        clientReferenceInformation,
        creditAmountDetails: { currency: currency.toLowerCase(), creditAmount: formatted },
        refundAmountDetails: { currency, refundAmount: formatted },
        id: refund.id,
        orderInformation: { amountDetails: { currency } },
        paymentAccountInformation: { card },
        paymentInformation: { tokenizedCard: card, card },
        processorInformation: { approvalCode: refund.approvalCode, networkTransactionId: digits(15), responseCode: '100' },
        reconciliationId: refund.reconciliationId,
        status: 'PENDING',
        submitTimeUtc: utcTimestamp(now),
      },
    };
  };
}

export const refundCapture = refundOf(['capture'], 'capture');
export const refundPayment = refundOf(['sale', 'authorization', 'capture'], 'captured payment');
