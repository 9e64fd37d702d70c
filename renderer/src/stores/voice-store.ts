/**
 * Voice authorization, step by step: amount → card → the issuer's verbal code and a manager's
 * approval → receipt marked voice-authorized. One action key per attempt (amount + card + code);
 * a lost answer retries with the same key so main captures at most once.
 */
import { create } from 'zustand';
import type { CardRead, PosError } from '../../../preload/contract';
import type { FrontDeskReceipt } from '../../../preload/channels/hotel';
import { actionKeys } from '../action-key';
import type { Approval } from '../components/ManagerApproval';
import { operatorId } from '../operator';
import { pos } from '../pos';

export type VoiceStep = 'amount' | 'card' | 'code' | 'done';

/** The issuer's code as main accepts it: 1 to 6 letters or digits. */
export function checkVerbalCode(code: string): string | undefined {
  if (code === '') return 'Type the approval code the issuer gave on the phone.';
  if (!/^[A-Za-z0-9]{1,6}$/.test(code)) return 'The code is 1 to 6 letters or digits.';
  return undefined;
}

interface VoiceState {
  step: VoiceStep;
  amountMinor: number;
  card?: CardRead;
  code: string;
  codeProblem?: string;
  busy: boolean;
  error?: PosError;
  orderId?: string;
  receipt?: FrontDeskReceipt | null;
  /** True when the amount and card came from a sale the issuer declined with "call the issuer". */
  fromDecline: boolean;
  enterAmount(amountMinor: number): void;
  /** Starts at the code step with the amount and card a "call the issuer" decline carried over. */
  adopt(amountMinor: number, card: CardRead): void;
  cardPresented(card: CardRead): void;
  setCode(code: string): void;
  capture(approval: Approval): Promise<void>;
  back(): void;
  reset(): void;
}

/** One key per attempt: the same card, amount and code send the same key again; any change is a new attempt. */
const keys = actionKeys();

const fresh = {
  step: 'amount' as const, amountMinor: 0, card: undefined, code: '', codeProblem: undefined, busy: false, error: undefined, orderId: undefined, receipt: undefined, fromDecline: false,
};

export const useVoiceStore = create<VoiceState>((set, get) => ({
  ...fresh,
  enterAmount: (amountMinor) => set({ ...fresh, step: 'card', amountMinor }),
  adopt: (amountMinor, card) => set({ ...fresh, step: 'code', amountMinor, card, fromDecline: true }),
  cardPresented(card) {
    if (get().busy || get().step !== 'card') return;
    set({ card, step: 'code', error: undefined });
  },
  setCode: (code) => set({ code: code.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 6), codeProblem: undefined }),
  async capture(approval) {
    const { busy, card, code, amountMinor } = get();
    if (busy || !card) return;
    const codeProblem = checkVerbalCode(code);
    if (codeProblem) {
      set({ codeProblem });
      return;
    }
    set({ busy: true, error: undefined });
    const idempotencyKey = keys.keyFor(`${card.handle}:${amountMinor}:${code}`);
    const result = await pos.voice.forceCapture({ idempotencyKey, operatorId, cardHandle: card.handle, amountMinor, verbalAuthCode: code, approval });
    if (!result.ok) {
      const error = result.error;
      // A lost answer repeats the same attempt; anything else is a new one. A spent card handle needs the card again.
      if (error.code !== 'DISCONNECTED') keys.done();
      set({ busy: false, error, ...(error.code === 'NOT_FOUND' ? { card: undefined, step: 'card' as const } : {}) });
      return;
    }
    keys.done();
    set({ busy: false, step: 'done', orderId: result.value.orderId, receipt: result.value.receipt });
  },
  back() {
    const { step, busy } = get();
    if (busy) return;
    if (step === 'code') set({ step: 'card', card: undefined, code: '', codeProblem: undefined, error: undefined });
    else if (step === 'card') set({ ...fresh });
  },
  reset: () => set({ ...fresh }),
}));
