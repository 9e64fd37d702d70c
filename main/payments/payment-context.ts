/**
 * Everything a payment flow needs, passed in once by the composition root, so flows are plain
 * functions over real parts (journal, gateway, card store) in production and in tests alike.
 */
import { randomBytes } from 'node:crypto';
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

/**
 * `clientReferenceInformation.transactionId`, unique per attempt. Base64url like the references:
 * 32 random hex characters contain 13 or more digits in a row about once in 50 ids, and such an id
 * quoted in a stored message would be refused by the journal's card-number guard.
 */
export function newTransactionId(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * An order or session id (`clientReferenceInformation.code`), e.g. `SALE-k3J9…`. Base64url keeps
 * long digit runs out, so an id can never be mistaken for a card number by the journal's guards.
 */
export function newReference(prefix: 'SALE' | 'PRE' | 'SPLIT'): string {
  return `${prefix}-${randomBytes(12).toString('base64url')}`;
}
