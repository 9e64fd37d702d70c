/** The customer's receipt for an approved sale or capture, from its journal row and the store's settings. */
import type { Receipt } from '../../preload/schemas';
import type { AttemptRow } from './journal/records';
import type { PaymentContext } from './payment-context';

export function receiptOf(context: PaymentContext, row: AttemptRow): Receipt {
  const { storeName, terminalId } = context.settings();
  return {
    storeName,
    terminalId,
    orderId: row.reference,
    kind: row.kind === 'capture' ? 'capture' : 'sale',
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
