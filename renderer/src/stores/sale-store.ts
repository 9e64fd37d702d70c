/**
 * One sale at the counter, step by step: amount → card → charge → result → receipt. A partial
 * approval hands its session to the split-tender store and screen. The charge carries one action
 * key per attempt (amount + card), so a double click or a retry after a lost answer sends the
 * same key and main charges at most once. After a decline the same sale tried again names the
 * declined one (`retryOf`: the decline rules refuse a category 01 card for it); a card the rules
 * hold back may be let through by a manager; a "call the issuer" decline goes on as a voice
 * authorization of the same amount and card.
 */
import { create } from 'zustand';
import type { CardRead, PosError } from '../../../preload/contract';
import type { SaleResult } from '../../../preload/channels/sales';
import { newActionKey } from '../action-key';
import type { Approval } from '../components/ManagerApproval';
import { operatorId } from '../operator';
import { pos } from '../pos';
import { useAppStore } from './app-store';
import { useSplitStore } from './split-store';
import { useVoiceStore } from './voice-store';

export type SaleStep = 'amount' | 'card' | 'result' | 'receipt';

interface SaleState {
  step: SaleStep;
  amountMinor: number;
  card?: CardRead;
  /** The key of the attempt on screen: made when the card arrives, reused by a retry of that attempt. */
  actionKey?: string;
  charging: boolean;
  result?: SaleResult;
  /** The call itself was refused or the answer lost (not a decline). */
  error?: PosError;
  /** The order or session of this sale's last decline: a retry of the sale names it. */
  retryOf?: string;
  /** A manager's approval form is open for a card the decline rules hold back. */
  overriding: boolean;
  enterAmount(amountMinor: number): void;
  cardPresented(card: CardRead): void;
  charge(): Promise<void>;
  /** Opens (or closes) the manager's approval for the held-back card. */
  askOverride(open: boolean): void;
  /** Charges the held-back card (main kept it under a new handle) with a manager's PIN. */
  override(approval: Approval): Promise<void>;
  /** After a "call the issuer" decline: the Voice authorization screen, with this amount and card. */
  voiceInstead(): void;
  /** Escape: one step back (never while a charge is in flight). */
  back(): void;
  showReceipt(): void;
  newSale(): void;
}

/**
 * After a refused charge: the answer never arrived (same attempt, same key, may be sent again);
 * the card is spent or barred (present another); otherwise the card stands and a new attempt gets a new key.
 */
function afterRefusal(error: PosError): Partial<SaleState> {
  if (error.code === 'DISCONNECTED') return {};
  if (error.code === 'NOT_FOUND' || error.code === 'DECLINED_NO_RETRY') return { card: undefined, actionKey: undefined };
  return { actionKey: newActionKey() };
}

const fresh = {
  step: 'amount' as const, amountMinor: 0, card: undefined, actionKey: undefined, charging: false, result: undefined, error: undefined, retryOf: undefined, overriding: false,
};

/** Where a sale's answer leads: a partial approval to the split-tender screen, anything else to the result step. */
function settle(set: (state: Partial<SaleState>) => void, get: () => SaleState, outcome: SaleResult, card: CardRead | undefined): void {
  if (outcome.outcome === 'partially-approved' && card) {
    useSplitStore.getState().adopt(outcome.session, { fromSale: { approvedMinor: outcome.approvedMinor, card } });
    set({ ...fresh });
    useAppStore.getState().go('split');
    return;
  }
  const retryOf = outcome.outcome === 'declined' ? (outcome.decline.reference ?? get().retryOf) : get().retryOf;
  set({ charging: false, result: outcome, step: 'result', retryOf, overriding: false, error: undefined });
}

export const useSaleStore = create<SaleState>((set, get) => ({
  ...fresh,
  enterAmount: (amountMinor) => set({ ...fresh, step: 'card', amountMinor }),
  cardPresented(card) {
    if (get().charging || get().step !== 'card') return;
    set({ card, actionKey: newActionKey(), error: undefined, result: undefined });
  },
  async charge() {
    const { charging, card, actionKey, amountMinor } = get();
    if (charging || !card || !actionKey) return;
    set({ charging: true, error: undefined });
    const { retryOf } = get();
    const result = await pos.sale.charge({ idempotencyKey: actionKey, operatorId, amountMinor, cardHandle: card.handle, allowPartial: true, ...(retryOf ? { retryOf } : {}) });
    if (!result.ok) {
      set({ charging: false, error: result.error, ...afterRefusal(result.error) });
      return;
    }
    settle(set, get, result.value, card);
  },
  askOverride: (open) => set({ overriding: open, error: undefined }),
  async override(approval) {
    const { charging, result, amountMinor } = get();
    if (charging || result?.outcome !== 'card-refused' || !result.refusal.card) return;
    const card = result.refusal.card;
    set({ charging: true, error: undefined });
    // A new attempt: its own key. A wrong PIN is refused before main takes the card, so the handle serves the next try.
    const answer = await pos.sale.charge({ idempotencyKey: newActionKey(), operatorId, amountMinor, cardHandle: card.handle, allowPartial: true, override: approval });
    if (!answer.ok) {
      set({ charging: false, error: answer.error });
      return;
    }
    settle(set, get, answer.value, card);
  },
  voiceInstead() {
    const { result } = get();
    if (result?.outcome !== 'declined' || !result.decline.callIssuer) return;
    const { amountMinor, card } = result.decline.callIssuer;
    useVoiceStore.getState().adopt(amountMinor, card);
    set({ ...fresh });
    useAppStore.getState().go('voice');
  },
  back() {
    const { step, charging, card, result } = get();
    if (charging) return;
    if (step === 'receipt') set({ step: 'result' });
    else if (step === 'result' && result?.outcome !== 'approved') set({ step: 'card', card: undefined, actionKey: undefined, result: undefined, error: undefined, overriding: false });
    else if (step === 'card' && card) set({ card: undefined, actionKey: undefined, error: undefined });
    else if (step === 'card') set({ ...fresh });
  },
  showReceipt: () => set({ step: 'receipt' }),
  newSale: () => set({ ...fresh }),
}));
