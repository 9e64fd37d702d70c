// @vitest-environment happy-dom
/**
 * The Offline, Day and Voice screens' stores and views with window.pos faked at the boundary:
 * an exception resolved (collected, and written off with a manager's approval), overdue sales
 * said in words, pending offline sales listed with their amounts, and the voice code checked.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DayReport } from '../../../preload/channels/day';
import type { OfflineSale } from '../../../preload/channels/offline';
import type { CardRead } from '../../../preload/contract';

const fake = vi.hoisted(() => ({
  queue: vi.fn(),
  exceptions: vi.fn(),
  resolveException: vi.fn(),
  report: vi.fn(),
  forceCapture: vi.fn(),
}));

vi.mock('../../../renderer/src/pos', () => ({
  pos: {
    on: () => () => {},
    offline: { queue: fake.queue, exceptions: fake.exceptions, resolveException: fake.resolveException, status: vi.fn(async () => ({ ok: false, error: { code: 'DISCONNECTED', message: 'x' } })) },
    day: { report: fake.report },
    voice: { forceCapture: fake.forceCapture },
    app: { info: vi.fn() },
  },
}));

const { useOfflineQueueStore, overdueWords } = await import('../../../renderer/src/stores/offline-queue-store');
const { useDayStore } = await import('../../../renderer/src/stores/day-store');
const { useVoiceStore, checkVerbalCode } = await import('../../../renderer/src/stores/voice-store');
const { OfflineScreen } = await import('../../../renderer/src/screens/OfflineScreen');
const { DayScreen } = await import('../../../renderer/src/screens/DayScreen');

const sale = (overrides: Partial<OfflineSale> = {}): OfflineSale => ({
  id: 1,
  orderId: 'SALE-1',
  state: 'queued',
  amountMinor: 1500,
  currency: 'USD',
  maskedPan: '•••• 1111',
  brand: 'visa',
  entryMode: 'contactless',
  operatorId: 'cashier',
  approvedOfflineAt: '2026-11-21T09:00:00.000Z',
  tries: 2,
  nextTryAt: '2026-11-21T09:05:00.000Z',
  lastError: null,
  flagged: false,
  declineReason: null,
  declineMessage: null,
  resolvedBy: null,
  resolutionNote: null,
  ...overrides,
});
const ok = <T,>(value: T) => ({ ok: true as const, value });
const card: CardRead = { handle: `card_${'a'.repeat(32)}`, entryMode: 'swiped', maskedPan: '•••• 1111', brand: 'visa', expiry: { month: 12, year: 2031 } };

beforeEach(() => {
  for (const fn of Object.values(fake)) fn.mockReset();
  useOfflineQueueStore.setState({ queue: undefined, exceptions: undefined, resolving: undefined, resolved: undefined, error: undefined, loadError: undefined, busy: false });
  useVoiceStore.getState().reset();
});
afterEach(cleanup);

describe('offline queue', () => {
  it('says an overdue sale in words, not only colour', async () => {
    expect(overdueWords(sale({ flagged: true }))).toMatch(/Overdue/);
    expect(overdueWords(sale())).toBeUndefined();
    fake.queue.mockResolvedValue(ok([sale({ flagged: true })]));
    fake.exceptions.mockResolvedValue(ok([]));
    render(<OfflineScreen />);
    expect(await screen.findByText(/Overdue: queued past the maximum age/)).toBeTruthy();
    expect(screen.getByText('$15.00')).toBeTruthy();
  });

  it('shows a load error instead of an empty list', async () => {
    fake.queue.mockResolvedValue({ ok: false, error: { code: 'DISCONNECTED', message: 'lost' } });
    fake.exceptions.mockResolvedValue(ok([]));
    render(<OfflineScreen />);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load the offline queue');
  });

  it('marks an exception collected, and writes one off only with an approval, repeating the key after a lost answer', async () => {
    const exception = sale({ id: 7, state: 'exception', declineReason: 'INSUFFICIENT_FUND' });
    fake.queue.mockResolvedValue(ok([]));
    fake.exceptions.mockResolvedValue(ok([exception]));
    const store = useOfflineQueueStore.getState();
    await store.load();

    store.start({ id: 7, action: 'collected' });
    fake.resolveException.mockResolvedValueOnce(ok({ ...exception, state: 'collected' }));
    await useOfflineQueueStore.getState().resolve('  paid cash  ');
    expect(fake.resolveException).toHaveBeenLastCalledWith(expect.objectContaining({ id: 7, action: 'collected', note: 'paid cash', operatorId: 'cashier' }));
    expect(useOfflineQueueStore.getState().resolved?.state).toBe('collected');

    store.start({ id: 7, action: 'written-off' });
    await useOfflineQueueStore.getState().resolve('');
    expect(fake.resolveException).toHaveBeenCalledTimes(1);
    fake.resolveException.mockResolvedValueOnce({ ok: false, error: { code: 'DISCONNECTED', message: 'lost' } });
    await useOfflineQueueStore.getState().resolve('', { managerId: 'mgr1', pin: '2468' });
    const first = fake.resolveException.mock.lastCall?.[0] as { idempotencyKey: string };
    fake.resolveException.mockResolvedValueOnce(ok({ ...exception, state: 'written-off' }));
    await useOfflineQueueStore.getState().resolve('', { managerId: 'mgr1', pin: '2468' });
    const second = fake.resolveException.mock.lastCall?.[0] as { idempotencyKey: string; action: string };
    expect(second).toMatchObject({ action: 'written-off', approval: { managerId: 'mgr1', pin: '2468' } });
    expect(second.idempotencyKey).toBe(first.idempotencyKey);
    expect(useOfflineQueueStore.getState().resolving).toBeUndefined();
  });
});

describe('day', () => {
  it('lists pending offline sales with their amounts next to the takings', async () => {
    const report: DayReport = {
      date: '2026-11-21',
      timeZone: 'UTC',
      cutoffHour: 0,
      from: '2026-11-21T00:00:00.000Z',
      to: '2026-11-22T00:00:00.000Z',
      generatedAt: '2026-11-21T10:00:00.000Z',
      books: {
        currencies: [
          {
            currency: 'USD',
            netMinor: 1234,
            card: { count: 1, voidedCount: 0, grossMinor: 1234, voidedMinor: 0, netMinor: 1234 },
            cash: { count: 0, amountMinor: 0 },
            byBrand: [{ key: 'visa', count: 1, voidedCount: 0, grossMinor: 1234, voidedMinor: 0, netMinor: 1234 }],
            byKind: [{ key: 'sale', count: 1, voidedCount: 0, grossMinor: 1234, voidedMinor: 0, netMinor: 1234 }],
            byOperator: [{ key: 'cashier', count: 1, voidedCount: 0, grossMinor: 1234, voidedMinor: 0, netMinor: 1234 }],
            holds: [],
            declines: 0,
            inDoubt: 0,
          },
        ],
      },
      offlinePending: { count: 1, totals: [{ currency: 'USD', count: 1, totalMinor: 1500 }], sales: [sale()] },
      offlineToday: [{ state: 'queued', currency: 'USD', count: 1, totalMinor: 1500 }],
      exceptions: [],
    };
    fake.report.mockResolvedValue(ok(report));
    useDayStore.setState({ report: undefined, error: undefined, closing: false });
    render(<DayScreen />);
    expect(await screen.findByText('Pending total: $15.00 (1)')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Offline sales pending' }).textContent).toContain('$15.00');
    expect(screen.getByRole('table', { name: 'Card takings by brand' }).textContent).toContain('$12.34');
  });
});

describe('voice authorization', () => {
  it('checks the verbal code before sending, and marks the receipt from main', async () => {
    expect(checkVerbalCode('')).toMatch(/Type the approval code/);
    expect(checkVerbalCode('ABC1234')).toMatch(/1 to 6/);
    expect(checkVerbalCode('AB12')).toBeUndefined();
    const store = useVoiceStore.getState();
    store.enterAmount(100030);
    useVoiceStore.getState().cardPresented(card);
    expect(useVoiceStore.getState().step).toBe('code');
    await useVoiceStore.getState().capture({ managerId: 'mgr1', pin: '2468' });
    expect(fake.forceCapture).not.toHaveBeenCalled();
    expect(useVoiceStore.getState().codeProblem).toBeDefined();
    useVoiceStore.getState().setCode('ab-12');
    expect(useVoiceStore.getState().code).toBe('AB12');
    fake.forceCapture.mockResolvedValueOnce(ok({ orderId: 'VOICE-1', capture: {}, receipt: { voiceAuthorized: true } }));
    await useVoiceStore.getState().capture({ managerId: 'mgr1', pin: '2468' });
    expect(fake.forceCapture).toHaveBeenCalledWith(expect.objectContaining({ amountMinor: 100030, verbalAuthCode: 'AB12', cardHandle: card.handle, approval: { managerId: 'mgr1', pin: '2468' } }));
    expect(useVoiceStore.getState().step).toBe('done');
  });
});
