/**
 * Managers as the Settings panel sees them: who exists and who is locked out. The first manager is
 * added without approval; every later change needs an existing manager's PIN, once, for that change.
 */
import { create } from 'zustand';
import type { ChannelResult, PosError } from '../../../preload/contract';
import { operatorId } from '../operator';
import { pos } from '../pos';

export type ManagerSummary = ChannelResult<'managers.list'>[number];
export interface Approval {
  managerId: string;
  pin: string;
}

interface ManagersState {
  managers?: ManagerSummary[];
  /** When the list was read: lockouts are shown as of then. */
  loadedAtMs?: number;
  loading: boolean;
  loadError?: string;
  saving: boolean;
  error?: PosError;
  /** What the last successful change did, in words. */
  saved?: string;
  load(): Promise<void>;
  /** Adds a manager or changes a PIN; `approval` is needed once any manager exists. */
  setPin(change: { managerId: string; pin: string; approval?: Approval }): Promise<boolean>;
  clearMessages(): void;
}

export const useManagersStore = create<ManagersState>((set, get) => ({
  loading: false,
  saving: false,
  async load() {
    set({ loading: true });
    const result = await pos.managers.list();
    set(result.ok ? { loading: false, managers: result.value, loadedAtMs: Date.now(), loadError: undefined } : { loading: false, loadError: result.error.message });
  },
  async setPin({ managerId, pin, approval }) {
    if (get().saving) return false;
    set({ saving: true, error: undefined, saved: undefined });
    const result = await pos.managers.setPin({ operatorId, managerId: managerId.trim(), pin, ...(approval ? { approval: { managerId: approval.managerId.trim(), pin: approval.pin } } : {}) });
    if (result.ok) {
      set({ saving: false, saved: result.value.created ? `Manager ${result.value.managerId} added.` : `PIN of manager ${result.value.managerId} changed.` });
    } else {
      set({ saving: false, error: result.error });
    }
    await get().load();
    return result.ok;
  },
  clearMessages: () => set({ error: undefined, saved: undefined }),
}));

/** Whether a manager is locked out now, and until when. */
export function lockoutOf(manager: ManagerSummary, nowMs: number): { locked: false } | { locked: true; untilMs: number } {
  return manager.lockedUntilMs !== null && manager.lockedUntilMs > nowMs ? { locked: true, untilMs: manager.lockedUntilMs } : { locked: false };
}
