/**
 * Everything a payment flow needs, passed in once by the composition root, so flows are plain
 * functions over real parts (journal, gateway, card store) in production and in tests alike.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Settings } from '../../preload/contract';
import type { GatewayClient } from '../gateway/client';
import type { Logger } from '../log';
import type { SensitiveCardStore } from '../reader/sensitive-card-store';
import type { Journal } from './journal/journal';

export interface PaymentContext {
  journal: Journal;
  /** The client for the current environment; throws NOT_CONFIGURED when there is none. */
  gateway(): Promise<GatewayClient>;
  /** Card data behind the handles the reader and keyed entry hand out. */
  cards: SensitiveCardStore;
  settings(): Settings;
  clock(): Date;
  logger: Logger;
  /** `clientReferenceInformation.transactionId`: unique per attempt, so an unknown outcome can be undone. */
  newTransactionId(): string;
  /** A keyed hash of a PAN (64 hex digits) for the decline-retry rule; never the PAN. */
  fingerprint(pan: string): Promise<string>;
  /** How long a split-tender session may stay unfinished before its partial authorizations are reversed (default 10 minutes). */
  splitTenderWindowMs?: number;
}

export const defaultSplitTenderWindowMs = 10 * 60_000;

/** Short enough for the gateway's transactionId field, unique enough never to repeat. */
export function newTransactionId(): string {
  return randomUUID().replace(/-/g, '');
}

/**
 * An order or session id (`clientReferenceInformation.code`), e.g. `SALE-k3J9…`. Base64url keeps
 * long digit runs out, so an id can never be mistaken for a card number by the journal's guards.
 */
export function newReference(prefix: 'SALE' | 'PRE' | 'SPLIT'): string {
  return `${prefix}-${randomBytes(12).toString('base64url')}`;
}
