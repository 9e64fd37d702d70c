/**
 * What a merchant-initiated late charge needs besides the TMS instrument identifier the journal
 * keeps: the card's expiry and the network transaction id of the customer-initiated original.
 * Kept in the keychain per tab (`tabs/<tabId>/stored-credential`), so the journal holds only
 * the instrument identifier and the masked card.
 */
import { cardFromTrackData } from '../gateway/cards';
import type { SecretStore } from '../secrets/secret-store';
import type { PresentedCard } from './presented-card';

export interface StoredCredential {
  expirationMonth: string;
  expirationYear: string;
  /** processorInformation.transactionId of the CIT: the MIT's previousTransactionId. */
  networkTransactionId: string;
}

export interface StoredCredentials {
  save(tabId: string, credential: StoredCredential): Promise<void>;
  load(tabId: string): Promise<StoredCredential | undefined>;
  forget(tabId: string): Promise<void>;
}

export function keychainStoredCredentials(secrets: SecretStore): StoredCredentials {
  const account = (tabId: string) => `tabs/${tabId}/stored-credential`;
  return {
    save: (tabId, credential) => secrets.set(account(tabId), JSON.stringify(credential)),
    async load(tabId) {
      const text = await secrets.get(account(tabId));
      if (text === undefined) return undefined;
      const parsed: unknown = JSON.parse(text);
      return isStoredCredential(parsed) ? parsed : undefined;
    },
    async forget(tabId) {
      await secrets.delete(account(tabId));
    },
  };
}

function isStoredCredential(value: unknown): value is StoredCredential {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.expirationMonth === 'string' && typeof record.expirationYear === 'string' && typeof record.networkTransactionId === 'string';
}

/**
 * The expiry of a presented card, for the MIT: a keyed card carries it, a swiped one in its track
 * data. (PresentedCard has no expiry of its own; an EMV-only read without track data has none here.)
 */
export function expiryOf(payment: PresentedCard['payment']): Pick<StoredCredential, 'expirationMonth' | 'expirationYear'> | undefined {
  if (payment.card) return { expirationMonth: payment.card.expirationMonth.padStart(2, '0'), expirationYear: payment.card.expirationYear };
  const track = payment.pointOfSale?.trackData === undefined ? undefined : cardFromTrackData(payment.pointOfSale.trackData);
  return track && { expirationMonth: String(track.expirationMonth).padStart(2, '0'), expirationYear: String(track.expirationYear) };
}
