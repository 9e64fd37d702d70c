/**
 * The transaction history: a search, one transaction at a time with what happened to it, and
 * the manager actions on it (refund or void, void of a refund, a copy of the receipt), plus a
 * refund without the original sale (a credit to the presented card). Each action has its own
 * idempotency key and its own manager approval.
 */
import { create } from 'zustand';
import type { GatewayStep } from '../../../preload/channels/hotel';
import type { CardRead, ChannelArgs, ChannelResult, PosError } from '../../../preload/contract';
import { parseDecimalAmount, type CurrencyCode } from '../../../preload/currency';
import type { Receipt } from '../../../preload/schemas';
import { newActionKey } from '../action-key';
import { formatMoney } from '../money';
import { operatorId } from '../operator';
import { pos } from '../pos';
import type { Approval } from './managers-store';
import { useSettingsStore } from './settings-store';

export type HistoryResult = ChannelResult<'history.search'>;
export type HistoryEntry = HistoryResult['entries'][number];
export type TransactionDetail = ChannelResult<'history.get'>;
export type ReceiptCopy = ChannelResult<'history.reprint'>;

/** The search form as typed: every field text, empty for "any". */
export interface HistoryForm {
  businessDate: string;
  amount: string;
  last4: string;
  approvalCode: string;
  operatorId: string;
}

export const emptyForm: HistoryForm = { businessDate: '', amount: '', last4: '', approvalCode: '', operatorId: '' };

export type HistoryAction =
  /** How much to give back (the whole amount left by default). */
  | { kind: 'refund-amount'; amountText: string }
  | { kind: 'refund-approve'; amountMinor: number; key: string }
  /** A refund or credit made today, voided with a manager's approval. */
  | { kind: 'void-refund'; refund: { transactionId: string; amountMinor: number }; key: string };

export type CreditStep =
  | { kind: 'amount'; amountText: string }
  | { kind: 'card'; amountMinor: number; card?: CardRead }
  | { kind: 'approve'; amountMinor: number; card: CardRead; key: string };

/** What the last action did, in words, for the screen's status line. */
export interface HistoryOutcome {
  good: boolean;
  text: string;
}

interface HistoryState {
  form: HistoryForm;
  formProblems: Partial<Record<keyof HistoryForm, string>>;
  result?: HistoryResult;
  searching: boolean;
  searchError?: PosError;
  detail?: TransactionDetail;
  detailError?: PosError;
  action?: HistoryAction;
  credit?: CreditStep;
  creditReceipt?: Receipt;
  copy?: ReceiptCopy;
  busy: boolean;
  error?: PosError;
  outcome?: HistoryOutcome;
  setField(field: keyof HistoryForm, value: string): void;
  clearForm(): void;
  search(): Promise<void>;
  open(transactionId: string): Promise<void>;
  closeDetail(): void;
  reprint(): Promise<void>;
  startRefund(): void;
  setRefundAmount(text: string): void;
  confirmRefundAmount(): void;
  startVoidRefund(refund: { transactionId: string; amountMinor: number }): void;
  cancelAction(): void;
  approve(approval: Approval): Promise<void>;
  startCredit(): void;
  setCreditAmount(text: string): void;
  confirmCreditAmount(): void;
  creditCard(card: CardRead | undefined): void;
  confirmCreditCard(): void;
  approveCredit(approval: Approval): Promise<void>;
  cancelCredit(): void;
}

/** Amounts are typed in the terminal's currency (the settings'). */
function typedCurrency(): CurrencyCode {
  return useSettingsStore.getState().settings?.currency ?? 'USD';
}

/** The form as the search's criteria, or the problems naming each field that is not one. */
function criteriaOf(form: HistoryForm): { ok: true; query: ChannelArgs<'history.search'> } | { ok: false; problems: Partial<Record<keyof HistoryForm, string>> } {
  const problems: Partial<Record<keyof HistoryForm, string>> = {};
  const query: ChannelArgs<'history.search'> = {};
  const date = form.businessDate.trim();
  if (date) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(date)) query.businessDate = date;
    else problems.businessDate = 'Enter a date as YYYY-MM-DD.';
  }
  const amount = form.amount.trim();
  if (amount) {
    const parsed = parseDecimalAmount(amount.replace(/^[^\d]+/, ''), typedCurrency());
    if (parsed.ok && parsed.minor > 0) query.amountMinor = parsed.minor;
    else problems.amount = 'Enter an amount such as 12.34.';
  }
  const last4 = form.last4.trim();
  if (last4) {
    if (/^\d{4}$/.test(last4)) query.last4 = last4;
    else problems.last4 = 'Enter the last 4 digits of the card.';
  }
  const code = form.approvalCode.trim();
  if (code) {
    if (/^[A-Za-z0-9]{1,16}$/.test(code)) query.approvalCode = code;
    else problems.approvalCode = 'Enter the approval code as printed (letters and digits).';
  }
  const operator = form.operatorId.trim();
  if (operator) {
    if (/^[A-Za-z0-9._-]{1,32}$/.test(operator)) query.operatorId = operator;
    else problems.operatorId = 'Enter an operator id (letters, digits, dots, dashes).';
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, query };
}

export const kindLabels: Record<HistoryEntry['kind'], string> = {
  sale: 'Sale',
  capture: 'Capture',
  'forced-capture': 'Voice-authorized capture',
  mit: 'Late charge',
  credit: 'Refund without sale (credit)',
  refund: 'Refund',
};

const moneyOf = (minor: number, entry: { currency: string }) => formatMoney(minor, entry.currency as CurrencyCode);

function stepWords(step: GatewayStep): string {
  return step.declineReason ?? step.message ?? step.status;
}

export const useHistoryStore = create<HistoryState>((set, get) => ({
  form: emptyForm,
  formProblems: {},
  searching: false,
  busy: false,
  setField: (field, value) => set({ form: { ...get().form, [field]: value }, formProblems: { ...get().formProblems, [field]: undefined } }),
  clearForm: () => set({ form: emptyForm, formProblems: {} }),
  async search() {
    const criteria = criteriaOf(get().form);
    if (!criteria.ok) {
      set({ formProblems: criteria.problems });
      return;
    }
    set({ searching: true, searchError: undefined, formProblems: {} });
    const result = await pos.history.search(criteria.query);
    if (!result.ok) {
      set({ searching: false, searchError: result.error });
      return;
    }
    // With no criterion main searched today's business day: show which day that is.
    const businessDate = get().form.businessDate || result.value.businessDay?.date || '';
    set({ searching: false, result: result.value, form: { ...get().form, businessDate } });
  },
  async open(transactionId) {
    set({ detailError: undefined, copy: undefined, action: undefined, error: undefined, outcome: undefined });
    const result = await pos.history.get({ transactionId });
    set(result.ok ? { detail: result.value } : { detailError: result.error });
  },
  closeDetail() {
    set({ detail: undefined, detailError: undefined, copy: undefined, action: undefined, error: undefined, outcome: undefined });
    // The list says what happened to each row: refunds and voids made meanwhile show at once.
    void get().search();
  },
  async reprint() {
    const { detail } = get();
    if (!detail) return;
    const result = await pos.history.reprint({ transactionId: detail.entry.transactionId });
    set(result.ok ? { copy: result.value, error: undefined } : { error: result.error });
  },
  startRefund() {
    const { detail } = get();
    if (!detail) return;
    const left = moneyOf(detail.refundableMinor, detail.entry).replace(/^[^\d]+/, '');
    set({ action: { kind: 'refund-amount', amountText: left }, error: undefined, outcome: undefined, copy: undefined });
  },
  setRefundAmount(amountText) {
    if (get().action?.kind === 'refund-amount') set({ action: { kind: 'refund-amount', amountText }, error: undefined });
  },
  confirmRefundAmount() {
    const { action, detail } = get();
    if (action?.kind !== 'refund-amount' || !detail) return;
    const parsed = parseDecimalAmount(action.amountText.replace(/^[^\d]+/, ''), detail.entry.currency);
    if (!parsed.ok || parsed.minor <= 0) {
      set({ error: { code: 'INVALID_ARGUMENT', message: 'Enter the amount to refund, such as 12.34.', fields: [{ field: 'amountMinor', message: 'Enter the amount to refund, such as 12.34.' }] } });
      return;
    }
    set({ action: { kind: 'refund-approve', amountMinor: parsed.minor, key: newActionKey() }, error: undefined });
  },
  startVoidRefund: (refund) => set({ action: { kind: 'void-refund', refund, key: newActionKey() }, error: undefined, outcome: undefined, copy: undefined }),
  cancelAction: () => set({ action: undefined, error: undefined }),
  async approve(approval) {
    const { action, detail, busy } = get();
    if (!detail || !action || action.kind === 'refund-amount' || busy) return;
    set({ busy: true, error: undefined });
    const { entry } = detail;
    if (action.kind === 'refund-approve') {
      const result = await pos.history.refund({ idempotencyKey: action.key, operatorId, transactionId: entry.transactionId, amountMinor: action.amountMinor, approval });
      if (!result.ok) {
        set({ busy: false, error: result.error });
        return;
      }
      const { how, step, detail: updated } = result.value;
      const done = step.status === 'approved';
      const text = !done
        ? `The ${how === 'voided' ? 'void' : 'refund'} of ${moneyOf(action.amountMinor, entry)} was not approved (${stepWords(step)}). Nothing changed.`
        : how === 'voided'
          ? `Voided ${moneyOf(action.amountMinor, entry)}: the batch had not settled, so nothing is charged to the card.`
          : `Refunded ${moneyOf(step.approvedMinor ?? action.amountMinor, entry)} to the card. ${moneyOf(updated.refundableMinor, entry)} is left to refund.`;
      set({ busy: false, action: undefined, detail: updated, outcome: { good: done, text } });
      return;
    }
    const result = await pos.refunds.void({ idempotencyKey: action.key, operatorId, refundTransactionId: action.refund.transactionId, approval });
    if (!result.ok) {
      set({ busy: false, error: result.error });
      return;
    }
    const voided = result.value.void;
    const done = voided.status === 'approved';
    const text = done ? `Voided the ${moneyOf(action.refund.amountMinor, entry)} ${entry.kind === 'credit' ? 'credit' : 'refund'}.` : `The void was not approved (${stepWords(voided)}). Nothing changed.`;
    set({ busy: false, action: undefined, outcome: { good: done, text } });
    await get().open(entry.transactionId);
    set({ outcome: { good: done, text } });
  },
  startCredit: () => set({ credit: { kind: 'amount', amountText: '' }, creditReceipt: undefined, error: undefined, outcome: undefined }),
  setCreditAmount(amountText) {
    if (get().credit?.kind === 'amount') set({ credit: { kind: 'amount', amountText }, error: undefined });
  },
  confirmCreditAmount() {
    const { credit } = get();
    if (credit?.kind !== 'amount') return;
    const parsed = parseDecimalAmount(credit.amountText.replace(/^[^\d]+/, ''), typedCurrency());
    if (!parsed.ok || parsed.minor <= 0) {
      set({ error: { code: 'INVALID_ARGUMENT', message: 'Enter the amount to refund, such as 12.34.', fields: [{ field: 'amountMinor', message: 'Enter the amount to refund, such as 12.34.' }] } });
      return;
    }
    set({ credit: { kind: 'card', amountMinor: parsed.minor }, error: undefined });
  },
  creditCard(card) {
    const { credit } = get();
    if (credit?.kind === 'card') set({ credit: { kind: 'card', amountMinor: credit.amountMinor, ...(card ? { card } : {}) } });
  },
  confirmCreditCard() {
    const { credit } = get();
    if (credit?.kind === 'card' && credit.card) set({ credit: { kind: 'approve', amountMinor: credit.amountMinor, card: credit.card, key: newActionKey() }, error: undefined });
  },
  async approveCredit(approval) {
    const { credit, busy } = get();
    if (credit?.kind !== 'approve' || busy) return;
    set({ busy: true, error: undefined });
    const result = await pos.refunds.credit({ idempotencyKey: credit.key, operatorId, cardHandle: credit.card.handle, amountMinor: credit.amountMinor, approval });
    if (!result.ok) {
      // The card handle serves one payment: after a refusal that used it, the card is presented again.
      const cardGone = result.error.code === 'NOT_FOUND' || (result.error.fields ?? []).some((problem) => problem.field === 'cardHandle');
      set({ busy: false, error: result.error, ...(cardGone ? { credit: { kind: 'card', amountMinor: credit.amountMinor } } : {}) });
      return;
    }
    const { credit: step, receipt } = result.value;
    const amount = formatMoney(credit.amountMinor, typedCurrency());
    const done = step.status === 'approved';
    set({
      busy: false,
      credit: undefined,
      ...(receipt ? { creditReceipt: receipt } : {}),
      outcome: done
        ? { good: true, text: `Refunded ${amount} to ${credit.card.brand} ${credit.card.maskedPan} without the original sale.` }
        : { good: false, text: `The refund of ${amount} was not approved (${stepWords(step)}). Nothing was paid to the card.` },
    });
  },
  cancelCredit: () => set({ credit: undefined, error: undefined }),
}));
