/**
 * Card data at rest in the offline queue: AES-256-GCM under a 32-byte data key that lives only in
 * the OS keychain (created on first use). The order id is the additional authenticated data, so a
 * sealed card copied onto another queue row does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretStore } from '../secrets/secret-store';

export const dataKeyAccount = 'offline/data-key';

const nonceBytes = 12;
const tagBytes = 16;

export interface CardSealer {
  /** nonce | tag | ciphertext. */
  seal(plain: Buffer, boundTo: string): Promise<Buffer>;
  /** Throws when the data was changed, bound to something else, or sealed under another key. */
  open(sealed: Buffer, boundTo: string): Promise<Buffer>;
}

export function createCardSealer(secrets: SecretStore): CardSealer {
  let key: Promise<Buffer> | undefined;
  const loadKey = async (): Promise<Buffer> => {
    const stored = await secrets.get(dataKeyAccount);
    if (stored !== undefined) {
      const existing = Buffer.from(stored, 'base64');
      if (existing.length !== 32) throw new Error(`the offline data key in the keychain is ${existing.length} bytes, not 32`);
      return existing;
    }
    const fresh = randomBytes(32);
    await secrets.set(dataKeyAccount, fresh.toString('base64'));
    return fresh;
  };
  const dataKey = (): Promise<Buffer> => {
    // A failed keychain read is not cached: the next sale asks again.
    key ??= loadKey().catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  };
  return {
    async seal(plain, boundTo) {
      const nonce = randomBytes(nonceBytes);
      const cipher = createCipheriv('aes-256-gcm', await dataKey(), nonce);
      cipher.setAAD(Buffer.from(boundTo, 'utf8'));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([nonce, cipher.getAuthTag(), body]);
    },
    async open(sealed, boundTo) {
      if (sealed.length < nonceBytes + tagBytes) throw new Error('sealed card data is truncated');
      const decipher = createDecipheriv('aes-256-gcm', await dataKey(), sealed.subarray(0, nonceBytes));
      decipher.setAAD(Buffer.from(boundTo, 'utf8'));
      decipher.setAuthTag(sealed.subarray(nonceBytes, nonceBytes + tagBytes));
      return Buffer.concat([decipher.update(sealed.subarray(nonceBytes + tagBytes)), decipher.final()]);
    },
  };
}
