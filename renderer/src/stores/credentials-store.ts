/**
 * Gateway credentials as the renderer knows them: only whether each is stored. Values typed by
 * the operator go straight to main and are never kept here.
 */
import { create } from 'zustand';
import type { CredentialStatus, CredentialsUpdate, Environment, GatewayCheck, PosError } from '../../../preload/contract';
import { pos } from '../pos';

interface CredentialsState {
  status?: CredentialStatus;
  busy: boolean;
  error?: PosError;
  check?: GatewayCheck;
  load(environment: Environment): Promise<void>;
  save(update: CredentialsUpdate): Promise<boolean>;
  clear(environment: Environment): Promise<void>;
  test(): Promise<void>;
}

export const useCredentialsStore = create<CredentialsState>((set) => {
  const run = async <T,>(call: () => Promise<{ ok: true; value: T } | { ok: false; error: PosError }>, apply: (value: T) => Partial<CredentialsState>) => {
    set({ busy: true, error: undefined, check: undefined });
    const result = await call();
    set(result.ok ? { busy: false, ...apply(result.value) } : { busy: false, error: result.error });
    return result.ok;
  };
  return {
    busy: false,
    load: async (environment) => void (await run(() => pos.credentials.status({ environment }), (status) => ({ status }))),
    save: (update) => run(() => pos.credentials.set(update), (status) => ({ status })),
    clear: async (environment) => void (await run(() => pos.credentials.clear({ environment }), (status) => ({ status }))),
    test: async () => void (await run(() => pos.gateway.test(), (check) => ({ check }))),
  };
});
