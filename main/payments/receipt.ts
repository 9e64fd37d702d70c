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

/**
 * The guide: "most authorizations expire within 5 to 7 days". A reversal must name the whole
 * authorized amount and none is taken after a capture, so the part of a hold a capture leaves is
 * left to expire at the issuer.
 */
export const holdFallsOffWithinDays = 7;

/** The receipt of a capture of a hold of `heldMinor`, saying what happens to what it did not take. */
export function withHoldRemainder<R extends Receipt>(receipt: R, heldMinor: number): R {
  const remainder = heldMinor - receipt.amountMinor;
  return remainder > 0 ? { ...receipt, holdRemainder: { amountMinor: remainder, fallsOffWithinDays: holdFallsOffWithinDays } } : receipt;
}
