/**
 * A sale at the counter: one request that authorizes and captures (`capture: true`). Approved →
 * the receipt; declined → the reason and whether the card may be tried again; with allowPartial a
 * partial approval continues as a split-tender session.
 */
import type { SaleResult } from '../../preload/channels/sales';
import { assertWithinMaximum } from './amount-limit';
import { chargeCard, releaseHold, unpaidResult } from './card-charge';
import { assertMayTryCard } from './decline-policy';
import { once } from './idempotent-call';
import { newReference, type PaymentContext } from './payment-context';
import { takePresentedCard } from './presented-card';
import { receiptOf } from './receipt';
import { assertAcceptingWork } from './recovery';
import { saleAllowingPartial } from './split-tender';

export interface SaleRequest {
  idempotencyKey: string;
  operatorId: string;
  amountMinor: number;
  cardHandle: string;
  allowPartial?: boolean | undefined;
}

export function chargeSale(context: PaymentContext, request: SaleRequest): Promise<SaleResult> {
  return once(context, 'sale.charge', request, async () => {
    // Every refusal comes before anything is written; the retry rule needs the card's fingerprint, so it follows the take.
    assertWithinMaximum(context, 'amountMinor', request.amountMinor);
    assertAcceptingWork(context);
    const card = await takePresentedCard(context, request.cardHandle);
    assertMayTryCard(context, card.summary.fingerprint);
    const { amountMinor, operatorId } = request;
    if (request.allowPartial) return saleAllowingPartial(context, { amountMinor, operatorId, card });

    const orderId = newReference('SALE');
    context.journal.openOrder({ id: orderId, kind: 'sale', amountMinor, currency: context.settings().currency, operatorId });
    const charge = await chargeCard(context, { owner: { orderId }, reference: orderId, kind: 'sale', amountMinor, card, operatorId });
    switch (charge.outcome) {
      case 'approved':
        return { outcome: 'approved', receipt: receiptOf(context, charge.row) };
      case 'partially-approved': {
        // Not asked for (no partialAuthIndicator) and not captured: give the customer's funds back.
        const release = await releaseHold(context, charge.row, charge.row.approvedMinor ?? 0, operatorId);
        return release.released
          ? { outcome: 'not-charged', message: 'the card approved only part of the amount, which was released; take another card or use allowPartial' }
          : { outcome: 'in-doubt', transactionId: charge.row.transactionId, message: release.message };
      }
      default:
        return unpaidResult(charge);
    }
  });
}
