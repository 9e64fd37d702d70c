/**
 * Card fingerprints: HMAC-SHA256 of the PAN under a key that lives only in the keychain (created
 * on first use), so the journal can count declines per card without ever holding a PAN, and a
 * stolen journal cannot be matched against a list of card numbers.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { SecretStore } from '../secrets/secret-store';

const keyAccount = 'journal/card-fingerprint-key';

export function createCardFingerprinter(secrets: SecretStore): (pan: string) => Promise<string> {
  let key: Promise<Buffer> | undefined;
  const loadKey = async () => {
    const stored = await secrets.get(keyAccount);
    if (stored !== undefined) return Buffer.from(stored, 'base64');
    const fresh = randomBytes(32);
    await secrets.set(keyAccount, fresh.toString('base64'));
    return fresh;
  };
  return async (pan) => {
    key ??= loadKey().catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return createHmac('sha256', await key).update(pan.replace(/\D/g, '')).digest('hex');
  };
}
