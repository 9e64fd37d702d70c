/**
 * Hotel tabs at the front desk: the open tabs, the one being worked on, and each call's answer.
 * Every money call sends one idempotency key per operator action: a retry of the same action
 * (after a lost answer, or a wrong manager PIN) sends the same key again, so nothing is charged twice.
 */
import { create } from 'zustand';
import type { FrontDeskReceipt, GatewayStep, TabView, tabChargeCategories } from '../../../preload/channels/hotel';
import type { CardRead, PosError, PosResult } from '../../../preload/contract';
import { parseDecimalAmount, type CurrencyCode } from '../../../preload/currency';
import { newActionKey } from '../action-key';
import { operatorId } from '../operator';
import { pos } from '../pos';
import type { Approval } from './managers-store';

export type { TabView };
export type ChargeCategory = (typeof tabChargeCategories)[number];

export const categoryLabels: Record<ChargeCategory, string> = {
  room: 'Room',
  'room-service': 'Room service',
  minibar: 'Minibar',
  'extra-night': 'Extra night',
  phone: 'Phone',
  laundry: 'Laundry',
  damage: 'Damage',
  other: 'Other',
};

/** What the operator typed on the open-tab form, as typed. */
export interface OpenTabDraft {
  guestName: string;
  room: string;
  nights: string;
  nightlyRate: string;
  incidentals: string;
  headroom: string;
  storeCard: boolean;
}

export interface ChargeInput {
  category: ChargeCategory;
  amountMinor: number;
  note: string;
}

/** Where the front desk is: the list, the open-tab form, or one tab and what is being done to it. */
export type TabsStep =
  | { kind: 'list' }
  | { kind: 'opening' }
  | { kind: 'tab'; tabId: string }
  | { kind: 'checkout'; tabId: string }
  | { kind: 'cancel'; tabId: string }
  | { kind: 'second-card'; tabId: string }
  | { kind: 'late-charge'; tabId: string }
  | { kind: 'closed'; tabId: string };

/** The last answer about the tab on screen, for the operator to read. */
export type TabFeedback =
  | { kind: 'opened'; authorization: GatewayStep }
  | { kind: 'open-declined'; authorization: GatewayStep }
  | { kind: 'charge'; amountMinor: number; category: ChargeCategory; heldBeforeMinor: number; incremental: GatewayStep | null }
  | { kind: 'replaced'; authorization: GatewayStep; release: { released: boolean; message?: string | undefined } | null }
  | { kind: 'checked-out'; topUp: GatewayStep | null; capture: GatewayStep | null; receipt: FrontDeskReceipt | null }
  | { kind: 'cancelled'; release: { released: boolean; message?: string | undefined } }
  | { kind: 'late-charge'; charge: GatewayStep; receipt: FrontDeskReceipt | null };

type Busy = false | 'open' | 'charge' | 'replace' | 'checkout' | 'cancel' | 'late-charge' | 'find';

interface TabsState {
  /** Open and flagged tabs, as main lists them. */
  tabs?: TabView[];
  /** Tabs checked out or cancelled while this screen was in use, or found by id: for receipts and late charges. */
  closed: TabView[];
  loading: boolean;
  loadError?: string;
  step: TabsStep;
  busy: Busy;
  error?: PosError;
  /** Field problems of the open-tab form, by contract field name (guestName, nightlyRateMinor, …). */
  fieldErrors: Record<string, string>;
  feedback?: TabFeedback;
  load(): Promise<void>;
  go(step: TabsStep): void;
  /** Escape: one step back. */
  back(): void;
  open(draft: OpenTabDraft, card: CardRead, currency: CurrencyCode): Promise<boolean>;
  addCharge(tabId: string, charge: ChargeInput): Promise<boolean>;
  replaceCard(tabId: string, card: CardRead, storeCard: boolean): Promise<boolean>;
  checkout(tabId: string): Promise<void>;
  cancel(tabId: string): Promise<void>;
  lateCharge(tabId: string, charge: ChargeInput, approval: Approval): Promise<boolean>;
  find(tabId: string): Promise<boolean>;
}

/** One key per operator action: the same action again (after a failure) reuses it; a success retires it. */
const pendingKeys = new Map<string, string>();
function keyFor(action: string): string {
  let key = pendingKeys.get(action);
  if (!key) {
    key = newActionKey();
    pendingKeys.set(action, key);
  }
  return key;
}
function settleKey<T>(action: string, result: PosResult<T>): PosResult<T> {
  // After a failure the same action keeps its key: if it reached the gateway after all, main answers with that result.
  if (result.ok) pendingKeys.delete(action);
  return result;
}

function fieldsOf(error: PosError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const problem of error.fields ?? []) fields[problem.field] = problem.message.replace(/^[A-Z_]+: /, '');
  return fields;
}

export const useTabsStore = create<TabsState>((set, get) => {
  /** Puts a tab's new view where it belongs: the open list, or the closed ones. */
  const remember = (tab: TabView) => {
    const live = tab.state === 'open' || tab.state === 'flagged';
    const tabs = (get().tabs ?? []).filter((t) => t.tabId !== tab.tabId);
    const closed = get().closed.filter((t) => t.tabId !== tab.tabId);
    set(live ? { tabs: [...tabs, tab] } : { tabs, closed: [tab, ...closed] });
  };
  const begin = (busy: Busy) => {
    if (get().busy) return false;
    set({ busy, error: undefined, fieldErrors: {} });
    return true;
  };
  const fail = (error: PosError) => set({ busy: false, error, fieldErrors: fieldsOf(error) });

  return {
    closed: [],
    loading: false,
    step: { kind: 'list' },
    busy: false,
    fieldErrors: {},
    async load() {
      set({ loading: true });
      const result = await pos.tabs.list();
      set(result.ok ? { loading: false, tabs: result.value, loadError: undefined } : { loading: false, loadError: result.error.message });
    },
    go: (step) => set({ step, error: undefined, fieldErrors: {}, ...(step.kind === 'list' || step.kind === 'opening' ? { feedback: undefined } : {}) }),
    back() {
      const { step, busy } = get();
      if (busy) return;
      if (step.kind === 'checkout' || step.kind === 'cancel' || step.kind === 'second-card') get().go({ kind: 'tab', tabId: step.tabId });
      else if (step.kind === 'late-charge') get().go({ kind: 'closed', tabId: step.tabId });
      else if (step.kind !== 'list') get().go({ kind: 'list' });
    },

    async open(draft, card, currency) {
      const parsed = parseOpenTab(draft, currency);
      if (!parsed.ok) {
        set({ fieldErrors: parsed.fieldErrors, error: undefined });
        return false;
      }
      if (!begin('open')) return false;
      const action = `open:${card.handle}:${JSON.stringify(parsed.value)}`;
      const result = settleKey(action, await pos.tabs.open({ idempotencyKey: keyFor(action), operatorId, cardHandle: card.handle, ...parsed.value }));
      if (!result.ok) {
        fail(result.error);
        return false;
      }
      const { tab, authorization } = result.value;
      set({ busy: false });
      if (authorization.status === 'approved') {
        remember(tab);
        set({ step: { kind: 'tab', tabId: tab.tabId }, feedback: { kind: 'opened', authorization } });
        return true;
      }
      set({ feedback: { kind: 'open-declined', authorization } });
      return false;
    },

    async addCharge(tabId, { category, amountMinor, note }) {
      const before = findTab(get(), tabId);
      if (!before || !begin('charge')) return false;
      const action = `charge:${tabId}:${category}:${amountMinor}:${note}`;
      const result = settleKey(action, await pos.tabs.addCharge({ idempotencyKey: keyFor(action), operatorId, tabId, category, amountMinor, ...(note.trim() ? { note: note.trim() } : {}) }));
      if (!result.ok) {
        fail(result.error);
        return false;
      }
      remember(result.value.tab);
      set({ busy: false, feedback: { kind: 'charge', amountMinor, category, heldBeforeMinor: before.heldMinor, incremental: result.value.incremental } });
      return true;
    },

    async replaceCard(tabId, card, storeCard) {
      if (!begin('replace')) return false;
      const action = `replace:${tabId}:${card.handle}:${storeCard}`;
      const result = settleKey(action, await pos.tabs.replaceCard({ idempotencyKey: keyFor(action), operatorId, tabId, cardHandle: card.handle, storeCard }));
      if (!result.ok) {
        fail(result.error);
        return false;
      }
      const { tab, authorization, release } = result.value;
      remember(tab);
      const approved = authorization.status === 'approved';
      set({ busy: false, feedback: { kind: 'replaced', authorization, release }, ...(approved ? { step: { kind: 'tab', tabId } } : {}) });
      return approved;
    },

    async checkout(tabId) {
      if (!begin('checkout')) return;
      const action = `checkout:${tabId}`;
      const result = settleKey(action, await pos.tabs.checkout({ idempotencyKey: keyFor(action), operatorId, tabId }));
      if (!result.ok) {
        fail(result.error);
        return;
      }
      const { tab, topUp, capture, receipt } = result.value;
      remember(tab);
      const done = capture?.status === 'approved';
      set({ busy: false, feedback: { kind: 'checked-out', topUp, capture, receipt }, step: done ? { kind: 'closed', tabId } : { kind: 'tab', tabId } });
    },

    async cancel(tabId) {
      if (!begin('cancel')) return;
      const action = `cancel:${tabId}`;
      const result = settleKey(action, await pos.tabs.cancel({ idempotencyKey: keyFor(action), operatorId, tabId }));
      if (!result.ok) {
        fail(result.error);
        return;
      }
      remember(result.value.tab);
      set({ busy: false, feedback: { kind: 'cancelled', release: result.value.release }, step: result.value.tab.state === 'cancelled' ? { kind: 'closed', tabId } : { kind: 'tab', tabId } });
    },

    async lateCharge(tabId, { category, amountMinor, note }, approval) {
      if (!begin('late-charge')) return false;
      const action = `late:${tabId}:${category}:${amountMinor}:${note}`;
      const result = settleKey(
        action,
        await pos.tabs.lateCharge({ idempotencyKey: keyFor(action), operatorId, tabId, category, amountMinor, ...(note.trim() ? { note: note.trim() } : {}), approval }),
      );
      if (!result.ok) {
        fail(result.error);
        return false;
      }
      remember(result.value.tab);
      set({ busy: false, feedback: { kind: 'late-charge', charge: result.value.charge, receipt: result.value.receipt }, step: { kind: 'closed', tabId } });
      return true;
    },

    async find(tabId) {
      if (!begin('find')) return false;
      const result = await pos.tabs.get({ tabId: tabId.trim() });
      if (!result.ok) {
        fail(result.error);
        return false;
      }
      const { tab } = result.value;
      remember(tab);
      const live = tab.state === 'open' || tab.state === 'flagged';
      set({ busy: false, feedback: undefined, step: live ? { kind: 'tab', tabId: tab.tabId } : { kind: 'closed', tabId: tab.tabId } });
      return true;
    },
  };
});

export function findTab(state: Pick<TabsState, 'tabs' | 'closed'>, tabId: string): TabView | undefined {
  return state.tabs?.find((tab) => tab.tabId === tabId) ?? state.closed.find((tab) => tab.tabId === tabId);
}

/** The hold asked for at check-in: the nights at the nightly rate, plus the incidentals allowance. */
export function openingHoldMinor(nights: number, nightlyRateMinor: number, incidentalsMinor: number): number {
  return nights * nightlyRateMinor + incidentalsMinor;
}

type ParsedOpenTab = { guestName: string; room: string; nights: number; nightlyRateMinor: number; incidentalsMinor: number; headroomMinor: number; storeCard: boolean };

/** Reads the typed form into the call's arguments, or says per field what is wrong (by the contract's field names). */
export function parseOpenTab(draft: OpenTabDraft, currency: CurrencyCode): { ok: true; value: ParsedOpenTab } | { ok: false; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  if (!draft.guestName.trim()) fieldErrors.guestName = 'Type the guest’s name.';
  if (!draft.room.trim()) fieldErrors.room = 'Type the room.';
  const nights = /^\d{1,2}$/.test(draft.nights.trim()) ? Number(draft.nights.trim()) : Number.NaN;
  if (!(nights >= 1 && nights <= 99)) fieldErrors.nights = 'Nights must be a whole number from 1 to 99.';
  const amount = (text: string, field: string, label: string, allowZero: boolean) => {
    const parsed = parseDecimalAmount(text.trim() === '' && allowZero ? '0' : text, currency);
    if (!parsed.ok) {
      fieldErrors[field] = `${label}: ${parsed.reason}.`;
      return 0;
    }
    if (!allowZero && parsed.minor <= 0) fieldErrors[field] = `${label} must be more than zero.`;
    return parsed.minor;
  };
  const nightlyRateMinor = amount(draft.nightlyRate, 'nightlyRateMinor', 'Nightly rate', false);
  const incidentalsMinor = amount(draft.incidentals, 'incidentalsMinor', 'Incidentals', true);
  const headroomMinor = amount(draft.headroom, 'headroomMinor', 'Headroom', true);
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, value: { guestName: draft.guestName.trim(), room: draft.room.trim(), nights, nightlyRateMinor, incidentalsMinor, headroomMinor, storeCard: draft.storeCard } };
}

/** The folio against the hold, as the front desk needs to read it. */
export interface FolioMaths {
  heldMinor: number;
  folioMinor: number;
  /** How much more can go on the folio before the card is asked for more. */
  freeMinor: number;
  /** How far the folio is past the hold (a declined or unsent increase). */
  overMinor: number;
  roomMinor: number;
  headroomMinor: number;
  chargesMinor: number;
}

export function folioMaths(tab: TabView): FolioMaths {
  const roomMinor = tab.nights * tab.nightlyRateMinor;
  return {
    heldMinor: tab.heldMinor,
    folioMinor: tab.folioMinor,
    freeMinor: Math.max(0, tab.heldMinor - tab.folioMinor),
    overMinor: Math.max(0, tab.folioMinor - tab.heldMinor),
    roomMinor,
    headroomMinor: tab.headroomMinor,
    chargesMinor: tab.charges.reduce((sum, charge) => sum + charge.amountMinor, 0),
  };
}

/** What a charge of `amountMinor` would ask the card for on top of the hold (0: it fits), as main computes it. */
export function incrementFor(tab: TabView, amountMinor: number): number {
  const folio = tab.folioMinor + amountMinor;
  return folio > tab.heldMinor ? folio - tab.heldMinor + tab.headroomMinor : 0;
}
