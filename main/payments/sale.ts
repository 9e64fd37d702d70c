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
import { admitCard } from './decline-policy';
import { once } from './idempotent-call';
import type { ManagerApproval, ManagerGate } from './manager-approval';
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
  /** The order or session of the declined attempt this one tries again (the same sale on screen). */
  retryOf?: string | undefined;
  /** A manager's PIN letting through a card the issuer declined as "will never approve" on another transaction. */
  override?: ManagerApproval | undefined;
}

export function chargeSale(context: PaymentContext, request: SaleRequest, approve?: ManagerGate): Promise<SaleResult> {
  // The PIN stays out of the digest the journal keeps with the key (a hash of a short PIN is guessable).
  const { override, ...digested } = request;
  const call = override === undefined ? digested : { ...digested, override: { managerId: override.managerId } };
  return once(context, 'sale.charge', call, async () => {
    // Every refusal comes before anything is written; the retry rule needs the card's fingerprint, so it follows the take.
    assertWithinMaximum(context, 'amountMinor', request.amountMinor);
    const offline = offlineFallbackOf(context);
    // Recovery waits for the gateway; with the gateway known to be out of reach a sale may still go offline
    // (nothing is sent, and the forwarder resolves every earlier attempt before it forwards anything).
    const offlineOnly = offline !== undefined && offline.straightOffline();
    if (!offlineOnly) assertAcceptingWork(context);
    const { amountMinor, operatorId } = request;
    // Approval first: a wrong PIN leaves the card handle usable for the next try.
    const overriddenBy = override === undefined ? undefined : await approvedOverride(approve, override, operatorId);
    const card = await takePresentedCard(context, request.cardHandle);
    const refusal = admitCard(context, card, request.retryOf, overriddenBy);
    if (refusal) return { outcome: 'card-refused', refusal: { ...refusal, card: refusal.overridable ? card.handBack() : null } };

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

/** The manager who lets a "will never approve" card through, journaled in `manager_approvals` as `decline-override`. */
function approvedOverride(approve: ManagerGate | undefined, override: ManagerApproval, operatorId: string): Promise<string> {
  if (!approve) throw new TerminalError('NOT_CONFIGURED', 'no keychain: manager PINs are unavailable, so a decline cannot be overridden');
  return approve({ approval: override, operatorId, action: 'decline-override' });
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
