/**
 * The manager's view of the offline queue: the sales waiting to be forwarded and the declines that
 * came back (exceptions), with their resolution. Reloaded whenever main reports the queue changed
 * (the `offline.status` event, through useOfflineStore). Each resolution carries its own action key.
 */
import { create } from 'zustand';
import type { PosError } from '../../../preload/contract';
import type { OfflineSale } from '../../../preload/channels/offline';
import { actionKeys } from '../action-key';
import type { Approval } from '../components/ManagerApproval';
import { operatorId } from '../operator';
import { pos } from '../pos';

export type Resolution = { id: number; action: 'collected' | 'written-off' };

interface OfflineQueueState {
  queue?: OfflineSale[];
  exceptions?: OfflineSale[];
  loading: boolean;
  loadError?: PosError;
  /** The exception being resolved and how. */
  resolving?: Resolution;
  busy: boolean;
  error?: PosError;
  /** The last resolution, for the status line. */
  resolved?: OfflineSale;
  load(): Promise<void>;
  start(resolution: Resolution): void;
  cancel(): void;
  resolve(note: string, approval?: Approval): Promise<void>;
}

const keys = actionKeys();

export const useOfflineQueueStore = create<OfflineQueueState>((set, get) => ({
  loading: false,
  busy: false,
  async load() {
    set({ loading: true });
    const [queue, exceptions] = await Promise.all([pos.offline.queue(), pos.offline.exceptions()]);
    if (!queue.ok || !exceptions.ok) {
      set({ loading: false, loadError: !queue.ok ? queue.error : !exceptions.ok ? exceptions.error : undefined });
      return;
    }
    set({ loading: false, loadError: undefined, queue: queue.value, exceptions: exceptions.value });
  },
  start(resolution) {
    if (get().busy) return;
    set({ resolving: resolution, error: undefined, resolved: undefined });
  },
  cancel() {
    if (get().busy) return;
    set({ resolving: undefined, error: undefined });
  },
  async resolve(note, approval) {
    const { resolving, busy } = get();
    if (!resolving || busy) return;
    const idempotencyKey = keys.keyFor(`${resolving.action}:${resolving.id}`);
    const trimmed = note.trim();
    const base = { idempotencyKey, operatorId, id: resolving.id, ...(trimmed ? { note: trimmed } : {}) };
    set({ busy: true, error: undefined });
    const result =
      resolving.action === 'written-off'
        ? approval
          ? await pos.offline.resolveException({ ...base, action: 'written-off', approval })
          : undefined
        : await pos.offline.resolveException({ ...base, action: 'collected' });
    if (!result) {
      set({ busy: false });
      return;
    }
    if (!result.ok) {
      set({ busy: false, error: result.error });
      // A refused approval (wrong PIN) is a new attempt next time; a lost answer repeats this one.
      if (result.error.code !== 'DISCONNECTED') keys.done();
      return;
    }
    keys.done();
    set({ busy: false, resolving: undefined, resolved: result.value });
    await get().load();
  },
}));

/** Whether the manager must look at this queued sale: past the maximum age, or failing to forward. */
export function overdueWords(sale: OfflineSale): string | undefined {
  if (sale.flagged) return 'Overdue: queued past the maximum age';
  return undefined;
}
