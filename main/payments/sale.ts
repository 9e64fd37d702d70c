/**
 * A sale at the counter: one request that authorizes and captures (`capture: true`). Approved →
 * the receipt; declined → the reason and whether the card may be tried again; with allowPartial a
 * partial approval continues as a split-tender session.
 */
import type { SaleResult } from '../../preload/channels/sales';
import { TerminalError } from '../errors';
import { offlineFallbackOf, type OfflineFallback, type OfflineSaleRequest } from '../offline/offline-fallback';
import { assertWithinMaximum } from './amount-limit';
import { chargeCard, releaseHold, unpaidResult, type UnpaidCharge } from './card-charge';
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
    const offlineOnly = offline !== undefined && offline.straightOffline();
    if (!offlineOnly) assertAcceptingWork(context);
    const card = await takePresentedCard(context, request.cardHandle);
    assertMayTryCard(context, card.summary.fingerprint);
    const { amountMinor, operatorId } = request;

    // With the gateway known to be out of reach, the offline rules decide at once (no timeout to wait
    // out). An offline approval is always for the whole amount, so allowing a partial changes nothing.
    if (offlineOnly) return offline.accept({ amountMinor, operatorId, card });
    if (request.allowPartial) {
      const sale = { amountMinor, operatorId, card };
      try {
        return await saleAllowingPartial(context, sale, (charge) => offlineInstead(offline, charge, sale));
      } catch (error) {
        if (offline && notSent(error) && offline.fallBackAfter('not-sent')) return offline.accept(sale);
        throw error;
      }
    }

    const orderId = newReference('SALE');
    context.journal.openOrder({ id: orderId, kind: 'sale', amountMinor, currency: context.settings().currency, operatorId });
    let charge: Awaited<ReturnType<typeof chargeCard>>;
    try {
      charge = await chargeCard(context, { owner: { orderId }, reference: orderId, kind: 'sale', amountMinor, card, operatorId });
    } catch (error) {
      if (offline && notSent(error) && offline.fallBackAfter('not-sent')) {
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
      default:
        return (await offlineInstead(offline, charge, { orderId, amountMinor, operatorId, card })) ?? unpaidResult(charge);
    }
  });
}

/** Never sent: nothing can have happened at the gateway, so the offline rules may take the sale as it is. */
function notSent(error: unknown): boolean {
  return error instanceof TerminalError && error.code === 'DISCONNECTED';
}

/**
 * The offline rules' answer for a sale whose online attempt got no usable answer, or undefined when
 * they may not take it. The attempt is undone first (or its undo waits in the journal for recovery,
 * which the forwarder runs before forwarding anything).
 */
function offlineInstead(offline: OfflineFallback | undefined, charge: UnpaidCharge, sale: Omit<OfflineSaleRequest, 'originalTransactionId'>): Promise<SaleResult> | undefined {
  if (!offline || (charge.outcome !== 'not-charged' && charge.outcome !== 'in-doubt')) return undefined;
  const failure = charge.outcome === 'not-charged' ? 'undone' : 'unresolved';
  return offline.fallBackAfter(failure) ? offline.accept({ ...sale, originalTransactionId: charge.row.transactionId }) : undefined;
}
