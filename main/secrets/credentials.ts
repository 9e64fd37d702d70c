/**
 * The merchant's gateway credentials per environment, kept only in the keychain.
 *
 * Values go in and come out only inside main (to sign requests); what crosses IPC is whether each
 * one is present. The key id and shared secret are registered with the logger whenever they are
 * read or written, so neither can reach the log.
 */
import { credentialNames, type CredentialStatus, type CredentialsUpdate, type Environment } from '../../preload/contract';
import type { SigningCredentials } from '../gateway/http-signature';
import type { Logger } from '../log';
import type { SecretStore } from './secret-store';

type CredentialName = (typeof credentialNames)[number];

export interface CredentialVault {
  status(environment: Environment): Promise<CredentialStatus>;
  save(update: CredentialsUpdate): Promise<CredentialStatus>;
  clear(environment: Environment): Promise<CredentialStatus>;
  /** All three, or `undefined` when any is missing. */
  load(environment: Environment): Promise<SigningCredentials | undefined>;
}

const accountOf = (environment: Environment, name: CredentialName) => `${environment}/${name}`;

export function createCredentialVault(store: SecretStore, logger: Logger): CredentialVault {
  const status = async (environment: Environment): Promise<CredentialStatus> => {
    const accounts = new Set(await store.list());
    const present = (name: CredentialName) => accounts.has(accountOf(environment, name));
    return { environment, merchantId: present('merchantId'), keyId: present('keyId'), sharedSecret: present('sharedSecret') };
  };
  return {
    status,
    async save(update) {
      const named = credentialNames.filter((name) => update[name] !== undefined);
      for (const name of named) {
        const value = update[name] as string;
        if (name !== 'merchantId') logger.addSecret(value);
        await store.set(accountOf(update.environment, name), value);
      }
      logger.log('info', 'gateway credentials saved', { environment: update.environment, names: named });
      return status(update.environment);
    },
    async clear(environment) {
      for (const name of credentialNames) await store.delete(accountOf(environment, name));
      logger.log('info', 'gateway credentials cleared', { environment });
      return status(environment);
    },
    async load(environment) {
      const [merchantId, keyId, sharedSecretBase64] = await Promise.all(credentialNames.map((name) => store.get(accountOf(environment, name))));
      if (merchantId === undefined || keyId === undefined || sharedSecretBase64 === undefined) return undefined;
      logger.addSecret(keyId);
      logger.addSecret(sharedSecretBase64);
      return { merchantId, keyId, sharedSecretBase64 };
    },
  };
}
