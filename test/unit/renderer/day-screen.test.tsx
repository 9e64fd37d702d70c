// @vitest-environment happy-dom
/**
 * The Day screen with window.pos faked at the boundary: net takings first, then card by brand,
 * cash, by kind, by operator, then holds (never in the net), pending offline and exceptions;
 * keyboard-first (the heading on arrival, Tab to the close action), and a clear error when the
 * report cannot be loaded.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CurrencyBooks, DayReport } from '../../../preload/channels/day';

const fake = vi.hoisted(() => ({ report: vi.fn() }));

vi.mock('../../../renderer/src/pos', () => ({
  pos: {
    on: () => () => {},
    day: { report: fake.report },
    offline: { status: vi.fn(async () => ({ ok: false, error: { code: 'DISCONNECTED', message: 'x' } })) },
  },
}));

const { DayScreen } = await import('../../../renderer/src/screens/DayScreen');
const { useDayStore } = await import('../../../renderer/src/stores/day-store');

afterEach(() => {
  cleanup();
  useDayStore.setState({ report: undefined, error: undefined, closing: false, loading: false });
});

const line = (key: string, grossMinor: number, voidedMinor = 0, count = 1, voidedCount = voidedMinor === 0 ? 0 : 1) => ({ key, count, voidedCount, grossMinor, voidedMinor, netMinor: grossMinor - voidedMinor });

/** The scenario day, as main reports it. */
const scenario: CurrencyBooks = {
  currency: 'USD',
  netMinor: 1_907_64,
  card: { count: 7, voidedCount: 1, grossMinor: 1_892_64, voidedMinor: 25_00, netMinor: 1_867_64 },
  cash: { count: 1, amountMinor: 40_00 },
  byBrand: [line('discover', 1_060_30, 0, 2), line('mastercard', 100_00, 25_00, 2), line('visa', 732_34, 0, 3)],
  byKind: [
    { ...line('sale', 37_34, 25_00, 2), key: 'sale' },
    { ...line('offline-sale', 20_00), key: 'offline-sale' },
    { ...line('capture', 835_00, 0, 3), key: 'capture' },
    { ...line('forced-capture', 1_000_30), key: 'forced-capture' },
  ],
  byOperator: [line('desk-1', 700_00), line('op-1', 1_232_64, 25_00, 7)],
  holds: [
    { kind: 'authorization', count: 3, amountMinor: 610_00 },
    { kind: 'partial-approval', count: 1, amountMinor: 60_00 },
    { kind: 'incremental', count: 2, amountMinor: 200_00 },
    { kind: 'release', count: 1, amountMinor: 30_00 },
  ],
  declines: 3,
  inDoubt: 0,
};

function report(overrides: Partial<DayReport> = {}): DayReport {
  return {
    date: '2026-12-01',
    timeZone: 'America/New_York',
    cutoffHour: 4,
    from: '2026-12-01T09:00:00.000Z',
    to: '2026-12-02T09:00:00.000Z',
    generatedAt: '2026-12-01T23:00:00.000Z',
    books: { currencies: [scenario] },
    offlinePending: { count: 0, totals: [], sales: [] },
    offlineToday: [{ state: 'forwarded', currency: 'USD', count: 1, totalMinor: 20_00 }],
    exceptions: [],
    ...overrides,
  };
}

describe('Day screen', () => {
  it('shows net takings first, then card by brand, cash, by kind, by operator, holds, pending offline and exceptions', async () => {
    fake.report.mockResolvedValue({ ok: true, value: report() });
    render(<DayScreen />);
    const net = await screen.findByRole('heading', { name: 'Net takings USD: $1,907.64' });
    expect(screen.getByText('Card $1,867.64 + cash $40.00')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Business day 2026-12-01');

    const byBrand = screen.getByRole('table', { name: 'Card takings by brand' });
    expect(within(byBrand).getByRole('row', { name: /mastercard/ }).textContent).toBe('mastercard2$100.00$25.00 (1)$75.00');
    expect(within(byBrand).getByRole('row', { name: /Total/ }).textContent).toBe('Total7$1,892.64$25.00$1,867.64');
    expect(screen.getByText('Cash tenders (split tender): 1, $40.00')).toBeTruthy();
    const byKind = screen.getByRole('table', { name: 'Card takings by kind' });
    expect(within(byKind).getAllByRole('row').map((row) => row.querySelector('th')?.textContent)).toEqual([
      'Kind', 'Sales', 'Offline sales forwarded', 'Captures (pre-auths, tabs, split tender)', 'Voice authorized', 'Total',
    ]);
    const byOperator = screen.getByRole('table', { name: 'Takings by operator (card and cash)' });
    expect(within(byOperator).getByRole('row', { name: /Total/ }).textContent).toBe('Total8$1,932.64$25.00$1,907.64');
    const holds = screen.getByRole('table', { name: 'Holds USD, not takings' });
    expect(within(holds).getByRole('row', { name: /Holds placed/ }).textContent).toBe('Holds placed3$610.00');
    expect(within(holds).getByRole('row', { name: /Partial approvals/ }).textContent).toContain('$60.00');
    expect(screen.getByText('Declined: 3')).toBeTruthy();

    // The reading order: the net before every breakdown, holds after the takings, pending offline and exceptions last.
    const order = [
      net,
      byBrand,
      byKind,
      byOperator,
      holds,
      screen.getByRole('heading', { name: /Offline sales pending \(0\)/ }),
      screen.getByRole('heading', { name: /Declined after forwarding/ }),
    ];
    for (const [earlier, later] of order.slice(0, -1).map((element, index) => [element, order[index + 1]] as const)) {
      expect(later && earlier.compareDocumentPosition(later) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
  });

  it('starts at the heading with the close action next for Tab, and says when nothing was taken and what is in doubt', async () => {
    const inDoubt: CurrencyBooks = { ...scenario, inDoubt: 1 };
    fake.report.mockResolvedValueOnce({ ok: true, value: report({ books: { currencies: [] } }) }).mockResolvedValue({ ok: true, value: report({ books: { currencies: [inDoubt] } }) });
    render(<DayScreen />);
    expect(await screen.findByText('Net takings: nothing taken yet this business day.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Day' }));
    // What Tab reaches next: the first focusable control after the heading, in document order.
    const focusable = [...document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])')];
    expect(focusable[0]).toBe(screen.getByRole('button', { name: 'Close the day and print the report' }));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByText(/In doubt, being resolved: 1/)).toBeTruthy();
  });

  it('says in words when the report cannot be loaded', async () => {
    fake.report.mockResolvedValue({ ok: false, error: { code: 'DISCONNECTED', message: 'the terminal did not answer' } });
    render(<DayScreen />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/load today's report/);
  });
});
