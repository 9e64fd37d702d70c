/**
 * `GET /tss/v2/transactions/{id}` (and `GET` of each resource's `self` link): a transaction's
 * current state in the shape of the Transaction Details API.
 */
import { notFound } from './gateway-error';
import { formatAmount } from './money';
import { link, utcTimestamp } from './response-parts';
import type { RouteHandler, SandboxContext } from './sandbox-context';
import { applicationsOf, overallResult } from './transaction-applications';
import type { LedgerEntry, TransactionState } from './transaction-ledger';

/** The status Transaction Details and Transaction Search show for a transaction in `state`. */
export function gatewayStatus(entry: LedgerEntry, state: TransactionState): string {
  switch (state) {
    case 'declined':
      return 'DECLINED';
    case 'authorized':
      return entry.status;
    case 'captured':
    case 'pending':
      return 'PENDING';
    case 'settled':
      return 'TRANSMITTED';
    case 'voided':
      return 'VOIDED';
    case 'reversed':
      return 'REVERSED';
    case 'refunded':
      return 'REFUNDED';
  }
}

/** The first transaction of the series: what a capture, refund, reversal or void follows. */
export function rootOf(entry: LedgerEntry, context: SandboxContext): LedgerEntry {
  let current = entry;
  for (let depth = 0; depth < 5 && current.parentId; depth += 1) current = context.ledger.get(current.parentId) ?? current;
  return current;
}

export function transactionView(merchantId: string): RouteHandler {
  return ({ params }, context) => {
    const entry = context.ledger.get(params.id ?? '');
    if (!entry) throw notFound(`No transaction has id ${params.id ?? ''}.`);
    const { ledger } = context;
    const state = ledger.stateOf(entry);
    const currency = entry.currency;
    const amountDetails: Record<string, string> = { totalAmount: formatAmount(entry.requestedMinor, currency), currency };
    if (entry.kind === 'authorization' || entry.kind === 'sale') amountDetails.authorizedAmount = formatAmount(ledger.authorizedOf(entry), currency);
    if (entry.kind === 'sale' || entry.kind === 'capture' || entry.kind === 'authorization') {
      const captured = ledger.capturedOf(entry);
      if (captured > 0) amountDetails.refundBalance = formatAmount(captured - ledger.refundedOf(entry), currency);
    }
    if (entry.settledAt) amountDetails.settlementAmount = formatAmount(entry.amountMinor, currency);
    const root = rootOf(entry, context);
    const status = gatewayStatus(entry, state);
    const cardSuffix = entry.cardSuffix ?? root.cardSuffix;
    const cardType = entry.cardType ?? root.cardType;
    const related = [...(entry.parentId !== undefined ? [entry.parentId] : []), ...ledger.children(entry.id).map((child) => child.id)];
    return {
      status: 200,
      body: {
        id: entry.id,
        rootId: root.id,
        reconciliationId: entry.reconciliationId,
        merchantId,
        submitTimeUTC: utcTimestamp(entry.submittedAt),
        status,
        applicationInformation: { status, ...overallResult(entry), applications: applicationsOf(entry) },
        clientReferenceInformation: {
          code: entry.clientReferenceCode,
          ...(entry.clientTransactionId !== undefined ? { transactionId: entry.clientTransactionId } : {}),
        },
        ...(entry.decline
          ? {
              errorInformation: { reason: entry.decline.reason, message: entry.decline.message },
              paymentInsightsInformation: { responseInsights: { categoryCode: entry.decline.categoryCode, category: entry.decline.category } },
            }
          : {}),
        orderInformation: { amountDetails },
        ...(cardSuffix !== undefined ? { paymentInformation: { card: { suffix: cardSuffix, ...(cardType !== undefined ? { type: cardType } : {}) } } } : {}),
        processorInformation: {
          ...(entry.approvalCode ? { approvalCode: entry.approvalCode } : {}),
          responseCode: entry.decline?.responseCode ?? '100',
        },
        _links: {
          self: link('GET', `/tss/v2/transactions/${entry.id}`),
          ...(related.length > 0 ? { relatedTransactions: related.map((id) => link('GET', `/tss/v2/transactions/${id}`)) } : {}),
        },
      },
    };
  };
}
