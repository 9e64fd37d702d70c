/**
 * Split-tender sessions: one sale paid by several cards and cash after a partial approval. Sessions
 * live in main's journal and survive a reload (split.list); this store keeps the one on screen,
 * the tender being added, and what the last call said.
 */
import { create } from 'zustand';
import type { CardRead, PosError } from '../../../preload/contract';
import type { SplitSession } from '../../../preload/channels/sales';
import type { Decline } from '../../../preload/schemas';
import { actionKeys, newActionKey } from '../action-key';
import { operatorId } from '../operator';
import { pos } from '../pos';

/** What the operator is doing on the session: looking, keying a card tender's amount, presenting it, keying cash, confirming a cancel. */
export type SplitStep = 'overview' | 'card-amount' | 'card' | 'cash-amount' | 'confirm-cancel';

export interface TenderNotice {
  tone: 'ok' | 'problem';
  text: string;
  decline?: Decline;
}

interface SplitState {
  sessions: SplitSession[];
  /** Local clock time each session was last heard of, for the countdown. */
  receivedAt: Record<string, number>;
  currentId?: string;
  loading: boolean;
  loadError?: string;
  step: SplitStep;
  tenderMinor: number;
  card?: CardRead;
  actionKey?: string;
  busy: boolean;
  error?: PosError;
  notice?: TenderNotice;
  /** A sale that was partly approved opens its session here. */
  adopt(session: SplitSession, origin?: { fromSale: { approvedMinor: number; card?: CardRead | undefined } }): void;
  load(): Promise<void>;
  select(sessionId: string | undefined): void;
  startCard(): void;
  startCash(): void;
  enterCardAmount(amountMinor: number): void;
  cardPresented(card: CardRead): void;
  addCard(): Promise<void>;
  addCash(amountMinor: number): Promise<void>;
  complete(): Promise<void>;
  askCancel(): void;
  cancel(): Promise<void>;
  back(): void;
}

export function currentSession(state: Pick<SplitState, 'sessions' | 'currentId'>): SplitSession | undefined {
  return state.sessions.find((session) => session.sessionId === state.currentId);
}

/** Seconds left in a session's window, counted down locally from what main last said. */
export function secondsLeftAt(session: SplitSession, receivedAt: number | undefined, now: number): number {
  if (session.state !== 'open') return 0;
  const elapsed = receivedAt === undefined ? 0 : Math.floor((now - receivedAt) / 1000);
  return Math.max(0, session.secondsLeft - elapsed);
}

export const useSplitStore = create<SplitState>((set, get) => {
  const upsert = (session: SplitSession, patch: Partial<SplitState> = {}) => {
    const sessions = get().sessions.filter((other) => other.sessionId !== session.sessionId);
    set({ sessions: [...sessions, session], receivedAt: { ...get().receivedAt, [session.sessionId]: Date.now() }, ...patch });
  };
  const keys = actionKeys();
  const toOverview = { step: 'overview' as const, card: undefined, actionKey: undefined, tenderMinor: 0 };
  /** Runs one money call with the attempt's key; a refused call keeps the step so the operator can correct it. */
  const call = async <T,>(invoke: () => Promise<{ ok: true; value: T } | { ok: false; error: PosError }>, apply: (value: T) => void) => {
    if (get().busy) return;
    set({ busy: true, error: undefined, notice: undefined });
    const result = await invoke();
    // Only an answer that never arrived is retried with the same key; anything main answered makes the next try a new action.
    if (result.ok || result.error.code !== 'DISCONNECTED') keys.done();
    if (result.ok) {
      set({ busy: false });
      apply(result.value);
    } else set({ busy: false, error: result.error });
  };

  return {
    sessions: [],
    receivedAt: {},
    loading: false,
    step: 'overview',
    tenderMinor: 0,
    busy: false,
    adopt(session, origin) {
      const sale = origin?.fromSale;
      upsert(session, {
        currentId: session.sessionId,
        ...toOverview,
        error: undefined,
        notice: sale
          ? { tone: 'problem', text: `The card${sale.card ? ` ${sale.card.brand} ${sale.card.maskedPan}` : ''} covered only part of the sale. Take the balance on another card or in cash.` }
          : undefined,
      });
    },
    async load() {
      set({ loading: true, loadError: undefined });
      const result = await pos.split.list();
      if (!result.ok) {
        set({ loading: false, loadError: result.error.message });
        return;
      }
      const now = Date.now();
      // Sessions finished on this screen stay visible until the operator moves on; the list only holds open ones.
      const listed = new Set(result.value.map((session) => session.sessionId));
      const kept = get().sessions.filter((session) => !listed.has(session.sessionId) && session.sessionId === get().currentId);
      const receivedAt = { ...get().receivedAt };
      for (const session of result.value) receivedAt[session.sessionId] = now;
      const sessions = [...kept, ...result.value];
      const currentId = get().currentId ?? (result.value.length === 1 ? result.value[0]?.sessionId : undefined);
      set({ loading: false, sessions, receivedAt, currentId });
    },
    select: (sessionId) => set({ currentId: sessionId, ...toOverview, error: undefined, notice: undefined }),
    startCard: () => set({ step: 'card-amount', card: undefined, actionKey: undefined, error: undefined, notice: undefined }),
    startCash: () => set({ step: 'cash-amount', error: undefined, notice: undefined }),
    enterCardAmount: (tenderMinor) => set({ step: 'card', tenderMinor, card: undefined, actionKey: undefined, error: undefined }),
    cardPresented(card) {
      if (get().busy || get().step !== 'card') return;
      set({ card, actionKey: newActionKey(), error: undefined, notice: undefined });
    },
    async addCard() {
      const session = currentSession(get());
      const { card, actionKey, tenderMinor } = get();
      if (!session || !card || !actionKey) return;
      await call(
        () => pos.split.addCard({ idempotencyKey: actionKey, operatorId, sessionId: session.sessionId, amountMinor: tenderMinor, cardHandle: card.handle }),
        (tender) => {
          const notice: TenderNotice =
            tender.outcome === 'approved'
              ? { tone: 'ok', text: `Approved on ${card.brand} ${card.maskedPan}.` }
              : tender.outcome === 'partially-approved'
                ? { tone: 'problem', text: `Only part was approved on ${card.brand} ${card.maskedPan}; the rest is still due.` }
                : tender.outcome === 'declined'
                  ? { tone: 'problem', text: `Declined: ${card.brand} ${card.maskedPan}.`, ...(tender.decline ? { decline: tender.decline } : {}) }
                  : { tone: 'problem', text: tender.message ?? (tender.outcome === 'in-doubt' ? 'No answer from the gateway; the terminal is resolving it.' : 'Nothing was charged.') };
          upsert(tender.session, { ...toOverview, notice });
        },
      );
      const error = get().error;
      if (error?.code === 'NOT_FOUND' || error?.code === 'DECLINED_NO_RETRY') set({ card: undefined, actionKey: undefined });
      else if (error && error.code !== 'DISCONNECTED') set({ actionKey: newActionKey() });
    },
    async addCash(amountMinor) {
      const session = currentSession(get());
      if (!session) return;
      const actionKey = keys.keyFor(`cash:${session.sessionId}:${amountMinor}`);
      set({ tenderMinor: amountMinor });
      await call(
        () => pos.split.addCash({ idempotencyKey: actionKey, operatorId, sessionId: session.sessionId, amountMinor }),
        (updated) => upsert(updated, { ...toOverview, notice: { tone: 'ok', text: 'Cash recorded.' } }),
      );
    },
    async complete() {
      const session = currentSession(get());
      if (!session) return;
      const actionKey = keys.keyFor(`complete:${session.sessionId}`);
      await call(
        () => pos.split.complete({ idempotencyKey: actionKey, operatorId, sessionId: session.sessionId }),
        (updated) => upsert(updated, { ...toOverview }),
      );
    },
    askCancel: () => set({ step: 'confirm-cancel', error: undefined, notice: undefined }),
    async cancel() {
      const session = currentSession(get());
      if (!session) return;
      const actionKey = keys.keyFor(`cancel:${session.sessionId}`);
      await call(
        () => pos.split.cancel({ idempotencyKey: actionKey, operatorId, sessionId: session.sessionId }),
        (updated) => upsert(updated, { ...toOverview }),
      );
    },
    back() {
      const { step, busy, card } = get();
      if (busy) return;
      if (step === 'card' && card) set({ card: undefined, actionKey: undefined, error: undefined });
      else if (step === 'card') set({ step: 'card-amount', error: undefined });
      else if (step !== 'overview') set({ ...toOverview, error: undefined });
      else if (get().currentId && get().sessions.length > 1) set({ currentId: undefined, error: undefined, notice: undefined });
    },
  };
});
