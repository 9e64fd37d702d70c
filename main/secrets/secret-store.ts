/**
 * The OS keychain, behind the smallest interface the terminal needs, so moving off keytar (no
 * longer maintained upstream) to another binding is a change to one file.
 */
import keytar from 'keytar';

export interface SecretStore {
  get(account: string): Promise<string | undefined>;
  set(account: string, value: string): Promise<void>;
  /** True when there was something to delete. */
  delete(account: string): Promise<boolean>;
  /** Account names only, never the values. */
  list(): Promise<string[]>;
}

export const keychainService = 'counter';

export function keytarSecretStore(service: string = keychainService): SecretStore {
  return {
    get: async (account) => (await keytar.getPassword(service, account)) ?? undefined,
    set: (account, value) => keytar.setPassword(service, account, value),
    delete: (account) => keytar.deletePassword(service, account),
    list: async () => (await keytar.findCredentials(service)).map((credential) => credential.account),
  };
}
