/**
 * The manager's void screen: today's voidable captures and sales, one void (or, once settled, one
 * refund) at a time, each with its own idempotency key and its own manager approval.
 */
import { create } from 'zustand';
import type { GatewayStep } from '../../../preload/channels/hotel';
import type { ChannelResult, PosError } from '../../../preload/contract';
import { formatMinorUnits, type CurrencyCode } from '../../../preload/currency';
import { newActionKey } from '../action-key';
import { operatorId } from '../operator';
import { pos } from '../pos';
import type { Approval } from './managers-store';

export type Voidable = ChannelResult<'voids.list'>[number];
type HoldRelease = ChannelResult<'voids.void'>['release'];

export type VoidStep =
  /** Confirming a void: the amount and card on screen, the hold-release option, the manager's PIN. */
  | { kind: 'confirm'; item: Voidable; releaseHold: boolean; key: string }
  /** The gateway said it has settled: a refund of everything captured instead. */
  | { kind: 'refund'; item: Voidable; key: string; reason: string };

export type VoidOutcome =
  | { kind: 'voided'; item: Voidable; step: GatewayStep; release: HoldRelease }
  | { kind: 'refunded'; item: Voidable; step: GatewayStep; refundableMinor: number }
  /** The gateway answered but did not approve it (declined, failed, in doubt). */
  | { kind: 'not-done'; item: Voidable; what: 'void' | 'refund'; step: GatewayStep };

interface VoidState {
  items?: Voidable[];
  loading: boolean;
  loadError?: string;
  step?: VoidStep;
  busy: boolean;
  error?: PosError;
  outcome?: VoidOutcome;
  load(): Promise<void>;
  choose(item: Voidable): void;
  setReleaseHold(release: boolean): void;
  cancel(): void;
  approve(approval: Approval): Promise<void>;
}

export const useVoidStore = create<VoidState>((set, get) => ({
  loading: false,
  busy: false,
  async load() {
    set({ loading: true });
    const result = await pos.voids.list();
    set(result.ok ? { loading: false, items: result.value, loadError: undefined } : { loading: false, loadError: result.error.message });
  },
  choose: (item) => set({ step: { kind: 'confirm', item, releaseHold: true, key: newActionKey() }, error: undefined, outcome: undefined }),
  setReleaseHold(releaseHold) {
    const { step } = get();
    if (step?.kind === 'confirm') set({ step: { ...step, releaseHold } });
  },
  cancel: () => set({ step: undefined, error: undefined }),
  async approve(approval) {
    const { step, busy } = get();
    if (!step || busy) return;
    set({ busy: true, error: undefined });
    const { item, key } = step;
    if (step.kind === 'confirm') {
      const result = await pos.voids.void({
        idempotencyKey: key,
        operatorId,
        transactionId: item.transactionId,
        releaseHold: holdsUnder(item) && step.releaseHold,
        approval,
      });
      if (result.ok) {
        const { void: voided, release } = result.value;
        set({ busy: false, step: undefined, outcome: voided.status === 'approved' ? { kind: 'voided', item, step: voided, release } : { kind: 'not-done', item, what: 'void', step: voided } });
        await get().load();
      } else if (result.error.code === 'SETTLED') {
        set({ busy: false, step: { kind: 'refund', item, key: newActionKey(), reason: result.error.message } });
      } else {
        set({ busy: false, error: result.error });
      }
      return;
    }
    const result = await pos.refunds.refund({ idempotencyKey: key, operatorId, transactionId: item.transactionId, approval });
    if (result.ok) {
      const { refund, refundableMinor } = result.value;
      set({ busy: false, step: undefined, outcome: refund.status === 'approved' ? { kind: 'refunded', item, step: refund, refundableMinor } : { kind: 'not-done', item, what: 'refund', step: refund } });
      await get().load();
    } else {
      set({ busy: false, error: result.error });
    }
  },
}));

/** A capture sits on an authorization whose hold can be released after the void; a sale has none left over. */
export function holdsUnder(item: Voidable): boolean {
  return item.kind === 'capture';
}

export const kindLabels: Record<Voidable['kind'], string> = { sale: 'Sale', capture: 'Capture', 'forced-capture': 'Voice-authorized capture' };
export const ownerLabels: Record<Voidable['ownerKind'], string> = { order: 'order', tab: 'hotel tab', session: 'split tender' };

/**
 * Items matching what the manager typed: words match the reference, card, brand, approval code,
 * operator or kind; an amount ("12.34", "$12", "1,234.00") matches amounts that contain it.
 */
export function filterVoidable(items: readonly Voidable[], query: string): Voidable[] {
  const words = query.trim().toLowerCase();
  if (!words) return [...items];
  const amount = words.replace(/[^\d.]/g, '');
  const looksLikeAmount = /^[$€£¥]?\s*[\d,]+(\.\d*)?$/.test(words);
  return items.filter((item) => {
    const plain = formatMinorUnits(item.approvedMinor, item.currency as CurrencyCode);
    if (looksLikeAmount && amount && plain.includes(amount)) return true;
    const text = [item.reference, item.maskedPan ?? '', item.cardBrand ?? '', item.approvalCode ?? '', item.operatorId, kindLabels[item.kind], ownerLabels[item.ownerKind], item.transactionId]
      .join(' ')
      .toLowerCase();
    return text.includes(words);
  });
}
