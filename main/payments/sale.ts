/**
 * A sale at the counter: one request that authorizes and captures (`capture: true`). Approved →
 * the receipt; declined → the reason and whether the card may be tried again; with allowPartial a
 * partial approval continues as a split-tender session.
 */
import type { SaleResult } from '../../preload/channels/sales';
import { TerminalError } from '../errors';
import { offlineFallbackOf } from '../offline/offline-fallback';
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
    const offline = offlineFallbackOf(context);
    // Recovery waits for the gateway; with the gateway known to be out of reach a sale may still go offline
    // (nothing is sent, and the forwarder resolves every earlier attempt before it forwards anything).
    const offlineOnly = offline !== undefined && offline.straightOffline() && !request.allowPartial;
    if (!offlineOnly) assertAcceptingWork(context);
    const card = await takePresentedCard(context, request.cardHandle);
    assertMayTryCard(context, card.summary.fingerprint);
    const { amountMinor, operatorId } = request;
    if (request.allowPartial) return saleAllowingPartial(context, { amountMinor, operatorId, card });

    // With the gateway known to be out of reach, the offline rules decide at once (no timeout to wait out).
    if (offlineOnly) return offline.accept({ amountMinor, operatorId, card });

    const orderId = newReference('SALE');
    context.journal.openOrder({ id: orderId, kind: 'sale', amountMinor, currency: context.settings().currency, operatorId });
    let charge: Awaited<ReturnType<typeof chargeCard>>;
    try {
      charge = await chargeCard(context, { owner: { orderId }, reference: orderId, kind: 'sale', amountMinor, card, operatorId });
    } catch (error) {
      // Never sent: nothing to undo, so the offline rules may take it as it is.
      if (offline && error instanceof TerminalError && error.code === 'DISCONNECTED' && offline.fallBackAfter('not-sent')) {
        return offline.accept({ orderId, amountMinor, operatorId, card });
      }
      throw error;
    }
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
      case 'not-charged':
      case 'in-doubt': {
        // No usable answer: the attempt is undone (or its undo waits in the journal for recovery, which the forwarder runs first).
        const failure = charge.outcome === 'not-charged' ? 'undone' : 'unresolved';
        if (offline?.fallBackAfter(failure)) return offline.accept({ orderId, originalTransactionId: charge.row.transactionId, amountMinor, operatorId, card });
        return unpaidResult(charge);
      }
      default:
        return unpaidResult(charge);
    }
  });
}
