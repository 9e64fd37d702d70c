// @vitest-environment happy-dom
/**
 * The History screen with window.pos faked at the boundary: today's transactions listed and walked
 * with the arrow keys, one opened with what happened to it, a partial refund approved by a
 * manager, a refund over what is left refused in words, a receipt copy marked COPY, and search
 * fields checked before anything is asked.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry, TransactionDetail } from '../../../renderer/src/stores/history-store';

const fake = vi.hoisted(() => ({ search: vi.fn(), get: vi.fn(), reprint: vi.fn(), refund: vi.fn(), voidRefund: vi.fn(), credit: vi.fn() }));

vi.mock('../../../renderer/src/pos', () => ({
  pos: {
    on: () => () => {},
    history: { search: fake.search, get: fake.get, reprint: fake.reprint, refund: fake.refund },
    refunds: { void: fake.voidRefund, credit: fake.credit },
    settings: { get: async () => ({ ok: true, value: { currency: 'USD', businessDay: { timeZone: 'America/New_York', cutoffHour: 4 }, reader: { mode: 'none' } } }) },
  },
}));

const { useHistoryStore, emptyForm } = await import('../../../renderer/src/stores/history-store');
const { HistoryScreen } = await import('../../../renderer/src/screens/HistoryScreen');

const ok = <T,>(value: T) => ({ ok: true as const, value });
const entry = (overrides: Partial<HistoryEntry> = {}): HistoryEntry => ({
  transactionId: 'T-1',
  kind: 'sale',
  status: 'approved',
  amountMinor: 25_00,
  approvedMinor: 25_00,
  approvalCode: '831000',
  declineReason: null,
  insightCategory: null,
  message: null,
  operatorId: 'cashier',
  managerId: null,
  ownerKind: 'order',
  reference: 'SALE-1',
  parentTransactionId: null,
  currency: 'USD',
  maskedPan: '•••• 1111',
  cardBrand: 'visa',
  createdAtMs: Date.parse('2026-11-21T15:00:00Z'),
  voided: false,
  refundedMinor: 0,
  ...overrides,
});
const detailOf = (overrides: Partial<TransactionDetail> = {}): TransactionDetail => ({
  entry: entry(),
  followOns: [],
  capturedMinor: 25_00,
  voidedMinor: 0,
  refundedMinor: 0,
  refundableMinor: 25_00,
  voidRefusal: null,
  refundRefusal: null,
  voidableRefunds: [],
  hasReceipt: true,
  ...overrides,
});
const today = { businessDay: { date: '2026-11-21', from: '2026-11-21T09:00:00.000Z', to: '2026-11-22T09:00:00.000Z' }, more: false };

beforeEach(() => {
  for (const fn of Object.values(fake)) fn.mockReset();
  useHistoryStore.setState({ form: emptyForm, formProblems: {}, result: undefined, creditReceipt: undefined, detail: undefined, detailError: undefined, action: undefined, credit: undefined, copy: undefined, busy: false, error: undefined, outcome: undefined, searching: false, searchError: undefined });
});
afterEach(cleanup);

async function openFirst() {
  fake.search.mockResolvedValue(ok({ ...today, entries: [entry(), entry({ transactionId: 'T-2', amountMinor: 9_99, approvedMinor: 9_99, maskedPan: '•••• 4444', cardBrand: 'mastercard' })] }));
  fake.get.mockResolvedValue(ok(detailOf()));
  render(<HistoryScreen />);
  const first = await screen.findByRole('button', { name: /Open sale of \$25\.00 on visa •••• 1111/ });
  fireEvent.click(first);
  await screen.findByRole('heading', { name: 'Sale of $25.00' });
}

describe('history screen', () => {
  it("lists today's business day, walks the rows with the arrow keys and opens one", async () => {
    fake.search.mockResolvedValue(ok({ ...today, entries: [entry(), entry({ transactionId: 'T-2', voided: true })] }));
    fake.get.mockResolvedValue(ok(detailOf({ refundedMinor: 5_00, refundableMinor: 20_00 })));
    render(<HistoryScreen />);
    expect(await screen.findByText(/2 transactions on business day 2026-11-21/)).toBeTruthy();
    expect(fake.search).toHaveBeenCalledWith({});
    expect((screen.getByLabelText('Business date') as HTMLInputElement).value).toBe('2026-11-21');
    expect(screen.getByText('Voided')).toBeTruthy();

    const [first, second] = screen.getAllByRole('button', { name: /^Open sale/ });
    first?.focus();
    fireEvent.keyDown(first as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(second);
    fireEvent.keyDown(second as HTMLElement, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(first);

    fireEvent.click(first as HTMLElement);
    const heading = await screen.findByRole('heading', { name: 'Sale of $25.00' });
    expect(document.activeElement).toBe(heading);
    expect(fake.get).toHaveBeenCalledWith({ transactionId: 'T-1' });
    expect(screen.getByTestId('history-refundable').textContent).toBe('$20.00');
    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Sale of $25.00' })).toBeNull());
  });

  it('refunds part with a manager approval and says what is left', async () => {
    await openFirst();
    fireEvent.click(screen.getByRole('button', { name: 'Refund…' }));
    const amount = screen.getByLabelText('Amount to refund (at most $25.00)') as HTMLInputElement;
    expect(amount.value).toBe('25.00');
    fireEvent.change(amount, { target: { value: '10.00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));

    fake.refund.mockResolvedValue(ok({
      how: 'refunded',
      step: { ...entry({ transactionId: 'R-1', kind: 'refund', amountMinor: 10_00, approvedMinor: 10_00, managerId: 'mgr1' }) },
      detail: detailOf({ refundedMinor: 10_00, refundableMinor: 15_00 }),
    }));
    fireEvent.change(screen.getByLabelText('Manager id'), { target: { value: 'mgr1' } });
    fireEvent.change(screen.getByLabelText('Manager PIN'), { target: { value: '4321' } });
    fireEvent.click(screen.getByRole('button', { name: 'Approve refund of $10.00' }));

    expect(await screen.findByText(/Refunded \$10\.00 to the card\. \$15\.00 is left to refund\./)).toBeTruthy();
    expect(fake.refund).toHaveBeenCalledWith(expect.objectContaining({ transactionId: 'T-1', amountMinor: 10_00, approval: { managerId: 'mgr1', pin: '4321' }, idempotencyKey: expect.any(String) }));
    expect(screen.getByTestId('history-refundable').textContent).toBe('$15.00');
  });

  it('shows a refund over what is left as the sentence main gives, without the rule name', async () => {
    await openFirst();
    fireEvent.click(screen.getByRole('button', { name: 'Refund…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    fake.refund.mockResolvedValue({ ok: false, error: { code: 'RULE_VIOLATION', message: 'OVER_LIMIT: nothing left to refund on this sale: 0.00 of 25.00 is left to refund (it was voided or refunded in full)' } });
    fireEvent.change(screen.getByLabelText('Manager id'), { target: { value: 'mgr1' } });
    fireEvent.change(screen.getByLabelText('Manager PIN'), { target: { value: '4321' } });
    fireEvent.click(screen.getByRole('button', { name: 'Approve refund of $25.00' }));
    const alert = await screen.findByText(/0\.00 of 25\.00 is left to refund/);
    expect(alert.textContent).not.toMatch(/OVER_LIMIT/);
  });

  it('prints a copy of the receipt, marked COPY', async () => {
    await openFirst();
    fake.reprint.mockResolvedValue(ok({
      storeName: 'Counter', terminalId: 'COUNTER1', orderId: 'SALE-1', kind: 'sale', amountMinor: 25_00, currency: 'USD', maskedPan: '•••• 1111', brand: 'visa',
      entryMode: 'swiped', approvalCode: '831000', gatewayId: '6461731521426399000001', transactionId: 'T-1', time: '2026-11-21T15:00:00.000Z', copy: true,
    }));
    fireEvent.click(screen.getByRole('button', { name: 'Reprint receipt' }));
    const receipt = await screen.findByRole('article', { name: 'Receipt copy' });
    expect(receipt.textContent).toContain('*** COPY ***');
  });

  it('checks the search fields before asking, and names the field', async () => {
    fake.search.mockResolvedValue(ok({ ...today, entries: [] }));
    render(<HistoryScreen />);
    await screen.findByText(/No transactions found on business day 2026-11-21/);
    fireEvent.change(screen.getByLabelText('Card last 4'), { target: { value: '12a' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('Enter the last 4 digits of the card.')).toBeTruthy();
    expect(fake.search).toHaveBeenCalledTimes(1);
    fireEvent.change(screen.getByLabelText('Card last 4'), { target: { value: '1111' } });
    fireEvent.change(screen.getByLabelText('Amount'), { target: { value: '$25.00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(fake.search).toHaveBeenLastCalledWith({ businessDate: '2026-11-21', last4: '1111', amountMinor: 25_00 }));
  });

  it('refunds a card without the original sale: amount, card, then the manager', async () => {
    fake.search.mockResolvedValue(ok({ ...today, entries: [] }));
    render(<HistoryScreen />);
    fireEvent.click(await screen.findByRole('button', { name: 'Refund without a sale…' }));
    const amount = screen.getByLabelText('Amount to refund (USD)');
    await waitFor(() => expect(document.activeElement).toBe(amount));
    fireEvent.change(amount, { target: { value: '7.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('Refund $7.50 to:')).toBeTruthy();

    // The card arrives from the reader (or keyed entry) as a masked card with a one-payment handle.
    useHistoryStore.getState().creditCard({ handle: `card_${'b'.repeat(32)}`, entryMode: 'swiped', maskedPan: '•••• 4444', brand: 'mastercard', expiry: { month: 12, year: 2031 } });
    fireEvent.click(await screen.findByRole('button', { name: 'Continue to approval' }));
    fake.credit.mockResolvedValue(ok({
      orderId: 'CREDIT-1',
      credit: { ...entry({ transactionId: 'C-1', kind: 'credit', amountMinor: 7_50, approvedMinor: 7_50, managerId: 'mgr1' }) },
      receipt: { storeName: 'Counter', terminalId: 'COUNTER1', orderId: 'CREDIT-1', kind: 'credit', amountMinor: 7_50, currency: 'USD', maskedPan: '•••• 4444', brand: 'mastercard', entryMode: 'swiped', approvalCode: '831000', gatewayId: '6461731521426399000007', transactionId: 'C-1', time: '2026-11-21T15:00:00.000Z' },
    }));
    fireEvent.change(screen.getByLabelText('Manager id'), { target: { value: 'mgr1' } });
    fireEvent.change(screen.getByLabelText('Manager PIN'), { target: { value: '4321' } });
    fireEvent.click(screen.getByRole('button', { name: 'Approve refund of $7.50' }));

    expect(await screen.findByText('Refunded $7.50 to mastercard •••• 4444 without the original sale.')).toBeTruthy();
    expect(fake.credit).toHaveBeenCalledWith(expect.objectContaining({ cardHandle: `card_${'b'.repeat(32)}`, amountMinor: 7_50, approval: { managerId: 'mgr1', pin: '4321' } }));
    expect(screen.getByRole('article', { name: 'Receipt' }).textContent).toContain('REFUNDED TO CARD');
  });
});
