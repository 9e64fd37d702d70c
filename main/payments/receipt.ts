/** The customer's receipt for an approved sale, capture, refund or credit, from its journal row and the store's settings. */
import type { Receipt } from '../../preload/schemas';
import type { AttemptKind, AttemptRow } from './journal/records';
import type { PaymentContext } from './payment-context';

/** Money back prints as such; every other charge prints as the sale or capture it is. */
const receiptKinds: Partial<Record<AttemptKind, Receipt['kind']>> = { capture: 'capture', refund: 'refund', credit: 'credit' };

export function receiptOf(context: PaymentContext, row: AttemptRow): Receipt {
  const { storeName, terminalId } = context.settings();
  return {
    storeName,
    terminalId,
    orderId: row.reference,
    kind: receiptKinds[row.kind] ?? 'sale',
    amountMinor: row.approvedMinor ?? row.amountMinor,
    currency: row.currency,
    maskedPan: row.maskedPan ?? '',
    brand: row.cardBrand ?? '',
    entryMode: row.entryMode ?? '',
    approvalCode: row.approvalCode,
    gatewayId: row.gatewayId ?? '',
    transactionId: row.transactionId,
    time: new Date(row.updatedAtMs).toISOString(),
  };
}
