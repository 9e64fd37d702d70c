/**
 * Pre-authorizations: placing a hold (amount → card → hold), the open holds with their age, and
 * capturing or releasing one. Each money call carries one action key per operator action.
 */
import { create } from 'zustand';
import type { CardRead, PosError } from '../../../preload/contract';
import type { PreAuth } from '../../../preload/channels/sales';
import type { Decline, Receipt } from '../../../preload/schemas';
import { actionKeys, newActionKey } from '../action-key';
import { operatorId } from '../operator';
import { pos } from '../pos';

/** new-*: placing a hold; capture / release: acting on the selected open hold; done: what the last action did. */
export type PreAuthStep = 'list' | 'new-amount' | 'new-card' | 'capture' | 'confirm-release' | 'done';

export type PreAuthOutcome =
  | { kind: 'held'; preAuth: PreAuth }
  | { kind: 'captured'; receipt: Receipt; preAuth: PreAuth; incrementedMinor: number }
  | { kind: 'released'; preAuth: PreAuth }
  | { kind: 'declined'; decline: Decline }
  | { kind: 'not-charged'; message: string }
  | { kind: 'in-doubt'; message: string };

interface PreAuthState {
  holds: PreAuth[];
  loading: boolean;
  loadError?: string;
  step: PreAuthStep;
  amountMinor: number;
  card?: CardRead;
  actionKey?: string;
  selectedId?: string;
  busy: boolean;
  error?: PosError;
  outcome?: PreAuthOutcome;
  load(): Promise<void>;
  startNew(): void;
  enterAmount(amountMinor: number): void;
  cardPresented(card: CardRead): void;
  create(): Promise<void>;
  startCapture(orderId: string): void;
  capture(amountMinor: number): Promise<void>;
  askRelease(orderId: string): void;
  release(): Promise<void>;
  back(): void;
  toList(): void;
}

export function selectedHold(state: Pick<PreAuthState, 'holds' | 'selectedId'>): PreAuth | undefined {
  return state.holds.find((hold) => hold.orderId === state.selectedId);
}

export const usePreAuthStore = create<PreAuthState>((set, get) => {
  const keys = actionKeys();
  const listState = { step: 'list' as const, amountMinor: 0, card: undefined, actionKey: undefined, selectedId: undefined };
  const refused = (error: PosError) => {
    if (error.code !== 'DISCONNECTED') keys.done();
    set({ busy: false, error });
  };
  const finished = (outcome: PreAuthOutcome) => {
    keys.done();
    set({ busy: false, step: 'done', outcome, card: undefined, actionKey: undefined });
    void get().load();
  };
  const unpaid = (result: { outcome: 'declined'; decline: Decline } | { outcome: 'not-charged' | 'in-doubt'; message: string }): PreAuthOutcome =>
    result.outcome === 'declined' ? { kind: 'declined', decline: result.decline } : { kind: result.outcome, message: result.message };

  return {
    holds: [],
    loading: false,
    step: 'list',
    amountMinor: 0,
    busy: false,
    async load() {
      set({ loading: true, loadError: undefined });
      const result = await pos.preauth.list();
      set(result.ok ? { loading: false, holds: result.value } : { loading: false, loadError: result.error.message });
    },
    startNew: () => set({ ...listState, step: 'new-amount', error: undefined, outcome: undefined }),
    enterAmount: (amountMinor) => set({ step: 'new-card', amountMinor, card: undefined, actionKey: undefined, error: undefined }),
    cardPresented(card) {
      if (get().busy || get().step !== 'new-card') return;
      set({ card, actionKey: newActionKey(), error: undefined });
    },
    async create() {
      const { busy, card, actionKey, amountMinor } = get();
      if (busy || !card || !actionKey) return;
      set({ busy: true, error: undefined });
      const result = await pos.preauth.create({ idempotencyKey: actionKey, operatorId, amountMinor, cardHandle: card.handle });
      if (!result.ok) {
        const spent = result.error.code === 'NOT_FOUND' || result.error.code === 'DECLINED_NO_RETRY';
        set({ busy: false, error: result.error, ...(result.error.code === 'DISCONNECTED' ? {} : spent ? { card: undefined, actionKey: undefined } : { actionKey: newActionKey() }) });
        return;
      }
      const value = result.value;
      finished(value.outcome === 'approved' ? { kind: 'held', preAuth: value.preAuth } : unpaid(value));
    },
    startCapture: (orderId) => set({ step: 'capture', selectedId: orderId, error: undefined, outcome: undefined }),
    async capture(amountMinor) {
      const hold = selectedHold(get());
      if (get().busy || !hold) return;
      const idempotencyKey = keys.keyFor(`capture:${hold.orderId}:${amountMinor}`);
      set({ busy: true, error: undefined, amountMinor });
      const result = await pos.preauth.capture({ idempotencyKey, operatorId, orderId: hold.orderId, amountMinor });
      if (!result.ok) return refused(result.error);
      const value = result.value;
      finished(value.outcome === 'captured' ? { kind: 'captured', receipt: value.receipt, preAuth: value.preAuth, incrementedMinor: value.incrementedMinor } : unpaid(value));
    },
    askRelease: (orderId) => set({ step: 'confirm-release', selectedId: orderId, error: undefined, outcome: undefined }),
    async release() {
      const hold = selectedHold(get());
      if (get().busy || !hold) return;
      const idempotencyKey = keys.keyFor(`release:${hold.orderId}`);
      set({ busy: true, error: undefined });
      const result = await pos.preauth.release({ idempotencyKey, operatorId, orderId: hold.orderId });
      if (!result.ok) return refused(result.error);
      const value = result.value;
      finished(value.outcome === 'released' ? { kind: 'released', preAuth: value.preAuth } : { kind: 'in-doubt', message: value.message });
    },
    back() {
      const { step, busy, card } = get();
      if (busy) return;
      if (step === 'new-card' && card) set({ card: undefined, actionKey: undefined, error: undefined });
      else if (step === 'new-card') set({ step: 'new-amount', error: undefined });
      else if (step !== 'list') set({ ...listState, error: undefined });
    },
    toList: () => set({ ...listState, error: undefined, outcome: undefined }),
  };
});
