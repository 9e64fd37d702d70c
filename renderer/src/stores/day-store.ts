/** The manager's day: today's report from main, and closing the day (a fresh report, then print). */
import { create } from 'zustand';
import type { PosError } from '../../../preload/contract';
import type { DayReport } from '../../../preload/channels/day';
import { pos } from '../pos';

interface DayState {
  report?: DayReport;
  loading: boolean;
  error?: PosError;
  /** The report being printed as the close of the day. */
  closing: boolean;
  load(): Promise<void>;
  /** Loads the final report and shows it for printing. */
  closeDay(): Promise<void>;
  /** Back from the printable report to today's view. */
  back(): void;
}

export const useDayStore = create<DayState>((set, get) => ({
  loading: false,
  closing: false,
  async load() {
    set({ loading: true });
    const result = await pos.day.report();
    if (result.ok) set({ loading: false, error: undefined, report: result.value });
    else set({ loading: false, error: result.error });
  },
  async closeDay() {
    // Always a fresh read, even while a background refresh is in flight: the printed report is the latest.
    await get().load();
    if (!get().error) set({ closing: true });
  },
  back: () => set({ closing: false }),
}));
