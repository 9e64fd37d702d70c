// @vitest-environment happy-dom
/**
 * The close on the Day screen with window.pos faked at the boundary: the count goes to the manager's
 * approval, differences are listed each with its action, and an undo asks for the manager again
 * and comes back to the approval of the close.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Reconciliation } from '../../../preload/channels/till';

const fake = vi.hoisted(() => ({ close: vi.fn(), undoOrphan: vi.fn(), report: vi.fn(), state: vi.fn() }));

vi.mock('../../../renderer/src/pos', () => ({
  pos: {
    on: () => () => {},
    offline: { status: vi.fn(async () => ({ ok: false, error: { code: 'DISCONNECTED', message: 'x' } })) },
    day: { report: fake.report },
    till: { state: fake.state, close: fake.close, undoOrphan: fake.undoOrphan },
    app: { info: vi.fn() },
  },
}));

const { useDayStore } = await import('../../../renderer/src/stores/day-store');
const { DayScreen } = await import('../../../renderer/src/screens/DayScreen');

const ok = <T,>(value: T) => ({ ok: true as const, value });
const cash = { floatMinor: 0, cashTakenMinor: 0, cashRefundedMinor: 0, expectedMinor: 0, countedMinor: 0, varianceMinor: 0 };
const reconciliation: Reconciliation = {
  from: '2026-11-21T09:00:00.000Z',
  to: '2026-11-21T17:00:00.000Z',
  gatewayCount: 3,
  journalCount: 2,
  matched: 2,
  declinesMatched: 0,
  undoneMatched: 0,
  differences: [
    { kind: 'gateway-only', transactionId: 'T-lost', reference: 'SALE-1', gatewayId: 'G-1', attemptKind: 'sale', currency: 'USD', journalMinor: 4200, gatewayMinor: 4200, maskedPan: '•••• 1111', at: '2026-11-21T10:00:00.000Z', message: 'the gateway approved this sale', action: 'undo' },
    { kind: 'journal-only', transactionId: 'T-ghost', reference: 'SALE-2', gatewayId: null, attemptKind: 'sale', currency: 'USD', journalMinor: 700, gatewayMinor: null, maskedPan: null, at: null, message: 'WRONG_STATE: look it up in the Business Center', action: 'check' },
  ],
};

beforeEach(() => {
  fake.report.mockResolvedValue(ok({ date: '2026-11-21', timeZone: 'UTC', cutoffHour: 0, from: reconciliation.from, to: reconciliation.to, generatedAt: reconciliation.to, books: { currencies: [] }, offlinePending: { count: 0, totals: [], sales: [] }, offlineToday: [], exceptions: [] }));
  fake.state.mockResolvedValue(ok({ open: { id: 1, currency: 'USD', floatMinor: 0, implicit: true, openedBy: 'cashier', openedAt: reconciliation.from }, lastZNumber: null, currency: 'USD' }));
  useDayStore.setState({ step: undefined, stepError: undefined, undone: [], busy: false });
});
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('closing the day', () => {
  it('counts, asks the manager, lists the differences with their actions, and undoes a lost approval with the manager again', async () => {
    render(<DayScreen />);
    expect(await screen.findByText(/opened by the first payment .* with no float/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Close the day' }));
    const counted = screen.getByLabelText('Cash counted in the drawer (USD)');
    await waitFor(() => expect(document.activeElement).toBe(counted));
    fireEvent.change(counted, { target: { value: '12.5x' } });
    fireEvent.submit(counted.closest('form') as HTMLFormElement);
    expect(screen.getByRole('alert').textContent).toMatch(/Type the amount as digits/);
    fireEvent.change(counted, { target: { value: '12.50' } });
    fireEvent.submit(counted.closest('form') as HTMLFormElement);

    expect(screen.getByText(/Cash counted:/).textContent).toContain('$12.50');
    fake.close.mockResolvedValueOnce(ok({ kind: 'differences', cash: { ...cash, countedMinor: 1250, varianceMinor: 1250 }, reconciliation }));
    fireEvent.change(screen.getByLabelText('Manager id'), { target: { value: 'mgr1' } });
    fireEvent.change(screen.getByLabelText('Manager PIN'), { target: { value: '2468' } });
    fireEvent.click(screen.getByRole('button', { name: 'Approve the close' }));
    await screen.findByText(/the day is not closed yet/);
    expect(fake.close).toHaveBeenCalledWith({ operatorId: expect.any(String), countedMinor: 1250, approval: { managerId: 'mgr1', pin: '2468' }, acceptDifferences: false });
    expect(screen.getByText('⚠ 2 differences; 2 approved, 0 declined and 0 undone agree with the gateway.')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Differences' });
    expect(table.textContent).toContain('Approved at the gateway, not in the journal');
    expect(table.textContent).toContain('look it up in the Business Center');
    expect(table.textContent).not.toContain('WRONG_STATE');

    fireEvent.click(screen.getByRole('button', { name: 'Undo with manager approval' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Manager id')));
    fake.undoOrphan.mockResolvedValueOnce(ok({ transactionId: 'T-lost', result: 'undone', message: 'reversed by a timeout-reversal: nothing stays charged or held' }));
    fireEvent.change(screen.getByLabelText('Manager id'), { target: { value: 'mgr1' } });
    fireEvent.change(screen.getByLabelText('Manager PIN'), { target: { value: '2468' } });
    fireEvent.click(screen.getByRole('button', { name: 'Approve the undo' }));
    await screen.findByRole('button', { name: 'Approve the close' });
    expect(fake.undoOrphan).toHaveBeenCalledWith(expect.objectContaining({ transactionId: 'T-lost', approval: { managerId: 'mgr1', pin: '2468' } }));
    expect(screen.getByText(/reversed by a timeout-reversal/)).toBeTruthy();
  });
});
