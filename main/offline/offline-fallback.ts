/**
 * The seam between the sale flow and the offline queue: the composition root attaches a fallback
 * to the payment context, and `chargeSale` asks it when the gateway gave no usable answer (or is
 * known to be out of reach). Kept beside the context, like the payment runtime, so contexts are
 * built as before; without one attached, sales behave exactly as they did.
 */
import type { SaleResult } from '../../preload/channels/sales';
import type { PaymentContext } from '../payments/payment-context';
import type { PresentedCard } from '../payments/presented-card';

export interface OfflineSaleRequest {
  /** The order already opened for the online attempt, or undefined when none was made. */
  orderId?: string | undefined;
  /** The online attempt that got no usable answer (already resolved or left for recovery). */
  originalTransactionId?: string | undefined;
  amountMinor: number;
  operatorId: string;
  card: PresentedCard;
}

export interface OfflineFallback {
  /** True while the gateway is known to be out of reach: skip the online attempt (and its timeout). */
  straightOffline(): boolean;
  /** May a sale whose online attempt failed this way go offline? False once the gateway has answered since (it is up). */
  fallBackAfter(failure: 'not-sent' | 'undone' | 'unresolved'): boolean;
  /** Approves the sale offline (queued, card sealed) or declines it with the rule's reason. */
  accept(request: OfflineSaleRequest): Promise<SaleResult>;
}

const fallbacks = new WeakMap<PaymentContext, OfflineFallback>();

export function attachOfflineFallback(context: PaymentContext, fallback: OfflineFallback): void {
  fallbacks.set(context, fallback);
}

export function detachOfflineFallback(context: PaymentContext): void {
  fallbacks.delete(context);
}

export function offlineFallbackOf(context: PaymentContext): OfflineFallback | undefined {
  return fallbacks.get(context);
}
