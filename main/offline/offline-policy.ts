/**
 * Which sales the terminal may approve on its own while the gateway is out of reach: small,
 * card-present sales, within a queue that stays small, young and spread over cards. Everything
 * else is declined offline with a sentence the cashier can read to the customer.
 */
import { formatMinorUnits, type CurrencyCode } from '../../preload/currency';

export interface OfflinePolicyOptions {
  /** Largest single sale approved offline (minor units). */
  perSaleLimitMinor: number;
  /** Largest total of sales waiting to be forwarded, this one included. */
  outstandingLimitMinor: number;
  /** After this long a queued sale is flagged, and no new sale is taken offline until the queue is forwarded. */
  maxAgeMs: number;
  /** Sales of one card (by fingerprint) that may wait in the queue at once. */
  perCardLimit: number;
}

export const defaultOfflinePolicy: OfflinePolicyOptions = {
  perSaleLimitMinor: 5_000,
  outstandingLimitMinor: 50_000,
  maxAgeMs: 24 * 60 * 60_000,
  perCardLimit: 2,
};

export type OfflineDeclineReason =
  | 'OFFLINE_NOT_A_SALE'
  | 'OFFLINE_CARD_NOT_PRESENT'
  | 'OFFLINE_OVER_SALE_LIMIT'
  | 'OFFLINE_OVER_QUEUE_LIMIT'
  | 'OFFLINE_QUEUE_TOO_OLD'
  | 'OFFLINE_CARD_REPEAT';

export type OfflineVerdict = { accepted: true } | { accepted: false; reason: OfflineDeclineReason; message: string };

export interface OfflineCandidate {
  /** Only `sale` may go offline: pre-auths, tabs, incrementals and refunds need the gateway's answer. */
  kind: 'sale' | 'pre-auth' | 'tab' | 'incremental' | 'refund' | 'split-tender';
  /** The gateway entry mode: keyed entries are never taken offline. */
  entryMode: string;
  amountMinor: number;
  currency: CurrencyCode;
}

export interface OfflineQueueState {
  outstandingMinor: number;
  oldestAtMs: number | null;
  sameCardQueued: number;
}

const cardPresentModes = new Set(['swiped', 'contact', 'contactless', 'msd']);
const noConnection = 'The card network cannot be reached right now';

export function judgeOfflineSale(policy: OfflinePolicyOptions, sale: OfflineCandidate, queue: OfflineQueueState, nowMs: number): OfflineVerdict {
  const money = (minor: number) => `${formatMinorUnits(minor, sale.currency)} ${sale.currency}`;
  const decline = (reason: OfflineDeclineReason, message: string): OfflineVerdict => ({ accepted: false, reason, message });
  if (sale.kind !== 'sale') return decline('OFFLINE_NOT_A_SALE', `${noConnection}, and only a plain sale can be approved without it. Please try again later or pay another way.`);
  if (!cardPresentModes.has(sale.entryMode)) {
    return decline('OFFLINE_CARD_NOT_PRESENT', `${noConnection}. A typed-in card cannot be approved offline: please swipe, insert or tap the card, or pay another way.`);
  }
  if (sale.amountMinor > policy.perSaleLimitMinor) {
    return decline('OFFLINE_OVER_SALE_LIMIT', `${noConnection}. Card payments over ${money(policy.perSaleLimitMinor)} cannot be approved offline: please pay another way or try again later.`);
  }
  if (queue.oldestAtMs !== null && nowMs - queue.oldestAtMs > policy.maxAgeMs) {
    return decline('OFFLINE_QUEUE_TOO_OLD', `${noConnection} and has not been for too long to accept more card payments offline. Please pay another way.`);
  }
  if (queue.outstandingMinor + sale.amountMinor > policy.outstandingLimitMinor) {
    return decline('OFFLINE_OVER_QUEUE_LIMIT', `${noConnection}, and this terminal has reached its limit for card payments approved offline. Please pay another way.`);
  }
  if (queue.sameCardQueued >= policy.perCardLimit) {
    return decline('OFFLINE_CARD_REPEAT', `${noConnection}. This card has already been used ${queue.sameCardQueued} times offline: please use another card or pay another way.`);
  }
  return { accepted: true };
}
