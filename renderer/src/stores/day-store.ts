/**
 * The manager's day: today's report and the till from main; opening the till with a float; and
 * the close: count the cash, a manager approves, the reconciliation with the gateway, the Z report.
 */
import { create } from 'zustand';
import type { PosError } from '../../../preload/contract';
import type { DayReport } from '../../../preload/channels/day';
import type { CashCount, OrphanUndo, Reconciliation, ReconciliationDifference, TillState, ZReport, ZReportSummary } from '../../../preload/channels/till';
import { newActionKey } from '../action-key';
import { operatorId } from '../operator';
import { pos } from '../pos';
import type { Approval } from './managers-store';

export type CloseStep =
  /** Typing the float that goes in the drawer. */
  | { kind: 'open-till' }
  /** Typing the cash counted in the drawer. */
  | { kind: 'count' }
  /** The manager approves the close of the counted drawer; again to close with differences. */
  | { kind: 'approve'; countedMinor: number; acceptDifferences: boolean }
  /** The journal and the gateway disagree: each difference with its action, or close accepting them. */
  | { kind: 'differences'; countedMinor: number; cash: CashCount; reconciliation: Reconciliation; undo?: { difference: ReconciliationDifference; key: string } }
  /** A Z report on screen: the one just made, or one reopened from the list. */
  | { kind: 'z'; report: ZReport; justClosed: boolean }
  | { kind: 'z-list'; reports: ZReportSummary[] };

interface DayState {
  report?: DayReport;
  till?: TillState;
  loading: boolean;
  error?: PosError;
  step?: CloseStep;
  busy: boolean;
  /** The last refusal of the step on screen. */
  stepError?: PosError;
  /** What the last undo of a gateway-only approval did, shown above the differences. */
  undone: OrphanUndo[];
  load(): Promise<void>;
  startOpenTill(): void;
  openTill(floatMinor: number): Promise<void>;
  startClose(): void;
  counted(countedMinor: number): void;
  approveClose(approval: Approval): Promise<void>;
  /** Closes accepting the differences on screen: the manager approves again. */
  acceptDifferences(): void;
  chooseUndo(difference: ReconciliationDifference): void;
  approveUndo(approval: Approval): Promise<void>;
  cancelUndo(): void;
  listZReports(): Promise<void>;
  showZReport(number: number): Promise<void>;
  /** The CSV of a Z report, for a download. */
  zReportCsv(number: number): Promise<{ fileName: string; csv: string } | undefined>;
  /** Back one step: from the close to today's view. */
  back(): void;
}

export const useDayStore = create<DayState>((set, get) => ({
  loading: false,
  busy: false,
  undone: [],
  async load() {
    set({ loading: true });
    const [report, till] = await Promise.all([pos.day.report(), pos.till.state()]);
    if (report.ok && till.ok) set({ loading: false, error: undefined, report: report.value, till: till.value });
    else set({ loading: false, error: !report.ok ? report.error : !till.ok ? till.error : undefined });
  },
  startOpenTill: () => set({ step: { kind: 'open-till' }, stepError: undefined }),
  async openTill(floatMinor) {
    if (get().busy) return;
    set({ busy: true, stepError: undefined });
    const result = await pos.till.open({ operatorId, floatMinor });
    if (!result.ok) return set({ busy: false, stepError: result.error });
    set({ busy: false, step: undefined });
    await get().load();
  },
  startClose: () => set({ step: { kind: 'count' }, stepError: undefined, undone: [] }),
  counted: (countedMinor) => set({ step: { kind: 'approve', countedMinor, acceptDifferences: false }, stepError: undefined }),
  async approveClose(approval) {
    const { step, busy } = get();
    if (step?.kind !== 'approve' || busy) return;
    set({ busy: true, stepError: undefined });
    const result = await pos.till.close({ operatorId, countedMinor: step.countedMinor, approval, acceptDifferences: step.acceptDifferences });
    if (!result.ok) return set({ busy: false, stepError: result.error });
    const closed = result.value;
    set({
      busy: false,
      step: closed.kind === 'closed' ? { kind: 'z', report: closed.report, justClosed: true } : { kind: 'differences', countedMinor: step.countedMinor, cash: closed.cash, reconciliation: closed.reconciliation },
    });
    if (closed.kind === 'closed') await get().load();
  },
  acceptDifferences() {
    const { step } = get();
    if (step?.kind === 'differences') set({ step: { kind: 'approve', countedMinor: step.countedMinor, acceptDifferences: true }, stepError: undefined });
  },
  chooseUndo(difference) {
    const { step } = get();
    if (step?.kind === 'differences') set({ step: { ...step, undo: { difference, key: newActionKey() } }, stepError: undefined });
  },
  cancelUndo() {
    const { step } = get();
    if (step?.kind === 'differences') set({ step: { ...step, undo: undefined }, stepError: undefined });
  },
  async approveUndo(approval) {
    const { step, busy } = get();
    if (step?.kind !== 'differences' || !step.undo || busy) return;
    const { difference, key } = step.undo;
    if (difference.transactionId === null) return;
    set({ busy: true, stepError: undefined });
    const result = await pos.till.undoOrphan({ idempotencyKey: key, operatorId, transactionId: difference.transactionId, approval });
    if (!result.ok) return set({ busy: false, stepError: result.error });
    // The undo is one more attempt of the session: the manager approves the close again to reconcile with it.
    set({ busy: false, undone: [...get().undone, result.value], step: { kind: 'approve', countedMinor: step.countedMinor, acceptDifferences: false } });
  },
  async listZReports() {
    set({ busy: true, stepError: undefined });
    const result = await pos.till.zReports();
    set(result.ok ? { busy: false, step: { kind: 'z-list', reports: result.value } } : { busy: false, stepError: result.error });
  },
  async showZReport(number) {
    set({ busy: true, stepError: undefined });
    const result = await pos.till.zReport({ number });
    set(result.ok ? { busy: false, step: { kind: 'z', report: result.value, justClosed: false } } : { busy: false, stepError: result.error });
  },
  async zReportCsv(number) {
    const result = await pos.till.zReportCsv({ number });
    if (result.ok) return result.value;
    set({ stepError: result.error });
    return undefined;
  },
  back: () => set({ step: undefined, stepError: undefined, busy: false }),
}));
