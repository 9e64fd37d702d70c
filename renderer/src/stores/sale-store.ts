/**
 * One sale at the counter, step by step: amount → card → charge → result → receipt. A partial
 * approval hands its session to the split-tender store and screen. The charge carries one action
 * key per attempt (amount + card), so a double click or a retry after a lost answer sends the
 * same key and main charges at most once.
 */
import { create } from 'zustand';
import type { CardRead, PosError } from '../../../preload/contract';
import type { SaleResult } from '../../../preload/channels/sales';
import { newActionKey } from '../action-key';
import { operatorId } from '../operator';
import { pos } from '../pos';
import { useAppStore } from './app-store';
import { useSplitStore } from './split-store';

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
  enterAmount(amountMinor: number): void;
  cardPresented(card: CardRead): void;
  charge(): Promise<void>;
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

const fresh = { step: 'amount' as const, amountMinor: 0, card: undefined, actionKey: undefined, charging: false, result: undefined, error: undefined };

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
    const result = await pos.sale.charge({ idempotencyKey: actionKey, operatorId, amountMinor, cardHandle: card.handle, allowPartial: true });
    if (!result.ok) {
      set({ charging: false, error: result.error, ...afterRefusal(result.error) });
      return;
    }
    const outcome = result.value;
    if (outcome.outcome === 'partially-approved') {
      useSplitStore.getState().adopt(outcome.session, { fromSale: { approvedMinor: outcome.approvedMinor, card } });
      set({ ...fresh });
      useAppStore.getState().go('split');
      return;
    }
    set({ charging: false, result: outcome, step: 'result' });
  },
  back() {
    const { step, charging, card, result } = get();
    if (charging) return;
    if (step === 'receipt') set({ step: 'result' });
    else if (step === 'result' && result?.outcome !== 'approved') set({ step: 'card', card: undefined, actionKey: undefined, result: undefined, error: undefined });
    else if (step === 'card' && card) set({ card: undefined, actionKey: undefined, error: undefined });
    else if (step === 'card') set({ ...fresh });
  },
  showReceipt: () => set({ step: 'receipt' }),
  newSale: () => set({ ...fresh }),
}));
