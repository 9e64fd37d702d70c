/**
 * Managers and their PINs, kept out of the settings: each PIN as an scrypt hash (random salt, the
 * parameters in the encoded string so they can be raised later) in the OS keychain under
 * `managers/<managerId>`. It only stores and checks; approval, lockout and journaling are
 * manager-approval.ts's.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { SecretStore } from '../secrets/secret-store';

const accountPrefix = 'managers/';
const keyLength = 32;
/** N = 2^15 (about 32 MiB, ~50–100 ms): a PIN has few digits, so each guess must cost. */
const currentParameters = { N: 32_768, r: 8, p: 1 };

export interface ManagerDirectory {
  managerIds(): Promise<string[]>;
  has(managerId: string): Promise<boolean>;
  /** Creates or replaces the manager's PIN hash; true when the manager is new. */
  setPin(managerId: string, pin: string): Promise<boolean>;
  /** False for a wrong PIN and for an unknown manager alike (and in about the same time). */
  verify(managerId: string, pin: string): Promise<boolean>;
}

export function createManagerDirectory(secrets: SecretStore): ManagerDirectory {
  const account = (managerId: string) => `${accountPrefix}${managerId}`;
  // Hashed against when the manager is unknown, so a wrong id takes as long as a wrong PIN.
  let decoy: Promise<string> | undefined;
  return {
    async managerIds() {
      return (await secrets.list()).filter((name) => name.startsWith(accountPrefix)).map((name) => name.slice(accountPrefix.length)).sort();
    },
    async has(managerId) {
      return (await secrets.get(account(managerId))) !== undefined;
    },
    async setPin(managerId, pin) {
      const isNew = (await secrets.get(account(managerId))) === undefined;
      await secrets.set(account(managerId), await hashPin(pin));
      return isNew;
    },
    async verify(managerId, pin) {
      const stored = await secrets.get(account(managerId));
      if (stored === undefined) {
        decoy ??= hashPin(randomBytes(8).toString('hex'));
        await verifyPin(pin, await decoy);
        return false;
      }
      return verifyPin(pin, stored);
    },
  };
}

/** `scrypt$N=32768,r=8,p=1$<salt base64>$<hash base64>` */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(pin, salt, currentParameters);
  const { N, r, p } = currentParameters;
  return `scrypt$N=${N},r=${r},p=${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPin(pin: string, encoded: string): Promise<boolean> {
  const match = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(encoded);
  if (!match) return false;
  const [, n, r, p, salt, hash] = match;
  const expected = Buffer.from(hash ?? '', 'base64');
  const actual = await derive(pin, Buffer.from(salt ?? '', 'base64'), { N: Number(n), r: Number(r), p: Number(p) }, expected.length);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function derive(pin: string, salt: Buffer, parameters: { N: number; r: number; p: number }, length = keyLength): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; the default cap (32 MiB) is exactly that at N = 2^15, so leave room.
  const options: ScryptOptions = { ...parameters, maxmem: 256 * parameters.N * parameters.r };
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
