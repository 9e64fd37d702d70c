// @vitest-environment happy-dom
/**
 * The operator sees what recovery resolved at start: each attempt a crash left without an answer,
 * in words, until dismissed; nothing is shown when there was nothing to resolve.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecoveryReport } from '../../../preload/channels/sales';

const fake = vi.hoisted(() => ({ report: vi.fn() }));

vi.mock('../../../renderer/src/pos', () => ({
  pos: {
    on: () => () => {},
    recovery: { report: fake.report },
    offline: { status: vi.fn(async () => ({ ok: false, error: { code: 'DISCONNECTED', message: 'x' } })) },
  },
}));

const { Notices } = await import('../../../renderer/src/components/Notices');
const { useRecoveryStore } = await import('../../../renderer/src/stores/recovery-store');

afterEach(() => {
  cleanup();
  useRecoveryStore.setState({ report: undefined, dismissed: false });
});

const finished = (items: RecoveryReport['items']): RecoveryReport => ({ state: 'finished', items });

describe('recovery notice', () => {
  it('lists what was resolved, in words, until dismissed', async () => {
    fake.report.mockResolvedValue({
      ok: true,
      value: finished([
        { transactionId: 't1', kind: 'sale', orderId: 'SALE-1', amountMinor: 1234, currency: 'USD', maskedPan: '•••• 1111', action: 'timeout-reversal', result: 'undone', message: 'reversed by transactionId' },
        { transactionId: 't2', kind: 'capture', orderId: 'PRE-2', amountMinor: 5000, currency: 'USD', maskedPan: null, action: 'lookup', result: 'confirmed', message: 'found at the gateway' },
      ]),
    });
    await act(async () => {
      render(<Notices />);
    });
    const notice = screen.getByRole('alert', { name: 'Recovered payments' });
    expect(notice.textContent).toContain('were resolved before new work');
    expect(notice.textContent).toContain('sale of $12.34 on •••• 1111 (SALE-1): undone (reversed or voided)');
    expect(notice.textContent).toContain('capture of $50.00 (PRE-2): went through and stands');
    await act(async () => {
      screen.getByRole('button', { name: 'Dismiss recovery notice' }).click();
    });
    expect(screen.queryByRole('alert', { name: 'Recovered payments' })).toBeNull();
  });

  it('shows nothing when recovery had nothing to do', async () => {
    fake.report.mockResolvedValue({ ok: true, value: finished([]) });
    await act(async () => {
      render(<Notices />);
    });
    expect(screen.queryByRole('alert', { name: 'Recovered payments' })).toBeNull();
  });
});
