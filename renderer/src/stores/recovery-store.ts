/**
 * What recovery did at start about attempts a crash left without an answer, so the operator sees
 * it before taking new payments. Asked again while recovery is still running.
 */
import { create } from 'zustand';
import type { RecoveryReport } from '../../../preload/channels/sales';
import { formatMoney } from '../money';
import { pos } from '../pos';

interface RecoveryState {
  report?: RecoveryReport;
  dismissed: boolean;
  load(): Promise<void>;
  dismiss(): void;
}

const askAgainAfterMs = 1_000;

export const useRecoveryStore = create<RecoveryState>((set, get) => ({
  dismissed: false,
  async load() {
    const result = await pos.recovery.report();
    if (!result.ok) return;
    set({ report: result.value });
    if (result.value.state === 'running' || result.value.state === 'idle') setTimeout(() => void get().load(), askAgainAfterMs);
  },
  dismiss: () => set({ dismissed: true }),
}));

const outcomeWords: Record<RecoveryReport['items'][number]['result'], string> = {
  undone: 'undone (reversed or voided)',
  'never-happened': 'never reached the card network',
  confirmed: 'went through and stands',
  'not-done': 'was not done',
  'needs-attention': 'could not be undone: needs a manager',
  unreachable: 'not resolved yet: the gateway cannot be reached; new payments wait',
};

export function describeRecoveryItem(item: RecoveryReport['items'][number]): string {
  const card = item.maskedPan ? ` on ${item.maskedPan}` : '';
  return `${item.kind} of ${formatMoney(item.amountMinor, item.currency)}${card} (${item.orderId}): ${outcomeWords[item.result]}`;
}
