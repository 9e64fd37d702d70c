// @vitest-environment happy-dom
/**
 * The payment screens' stores and the hold age, with window.pos faked at the boundary: one action
 * key per attempt, a double charge sending one request, and age shown in words as well as colour.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardRead } from '../../../preload/contract';

const fake = vi.hoisted(() => ({
  charge: vi.fn(),
}));

vi.mock('../../../renderer/src/pos', () => ({
  pos: {
    on: () => () => {},
    sale: { charge: fake.charge },
    app: { info: vi.fn() },
  },
}));

const { useSaleStore } = await import('../../../renderer/src/stores/sale-store');
const { HoldAge } = await import('../../../renderer/src/screens/PreAuthScreen');
const { actionKeys, newActionKey } = await import('../../../renderer/src/action-key');

const card: CardRead = { handle: `card_${'a'.repeat(32)}`, entryMode: 'swiped', maskedPan: '•••• 1111', brand: 'visa', expiry: { month: 12, year: 2031 } };
const receipt = {
  storeName: 'Counter',
  terminalId: 'COUNTER1',
  orderId: 'SALE-1',
  kind: 'sale' as const,
  amountMinor: 1234,
  currency: 'USD' as const,
  maskedPan: '•••• 1111',
  brand: 'visa',
  entryMode: 'swiped',
  approvalCode: '123456',
  gatewayId: '1',
  transactionId: 't1',
  time: new Date().toISOString(),
};

beforeEach(() => {
  fake.charge.mockReset();
  useSaleStore.getState().newSale();
});
afterEach(cleanup);

describe('action keys', () => {
  it('are new per action and the same when one action is asked again until it is done', () => {
    expect(newActionKey()).not.toBe(newActionKey());
    const keys = actionKeys();
    const first = keys.keyFor('cash:S1:4000');
    expect(keys.keyFor('cash:S1:4000')).toBe(first);
    expect(keys.keyFor('cash:S1:3000')).not.toBe(first);
    const again = keys.keyFor('cash:S1:3000');
    keys.done();
    expect(keys.keyFor('cash:S1:3000')).not.toBe(again);
  });
});

describe('sale store', () => {
  it('sends one charge for a double click, with the attempt key', async () => {
    let answer: (value: unknown) => void = () => {};
    fake.charge.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    const sale = useSaleStore.getState();
    sale.enterAmount(1234);
    sale.cardPresented(card);
    const key = useSaleStore.getState().actionKey;
    const first = useSaleStore.getState().charge();
    const second = useSaleStore.getState().charge();
    expect(useSaleStore.getState().charging).toBe(true);
    answer({ ok: true, value: { outcome: 'approved', receipt } });
    await Promise.all([first, second]);
    expect(fake.charge).toHaveBeenCalledTimes(1);
    expect(fake.charge.mock.calls[0]?.[0]).toMatchObject({ idempotencyKey: key, operatorId: 'cashier', amountMinor: 1234, cardHandle: card.handle, allowPartial: true });
    expect(useSaleStore.getState().step).toBe('result');
  });

  it('retries a charge whose answer was lost with the same key, and a refused one with a new key', async () => {
    const sale = useSaleStore.getState();
    sale.enterAmount(500);
    sale.cardPresented(card);
    const key = useSaleStore.getState().actionKey;
    fake.charge.mockResolvedValueOnce({ ok: false, error: { code: 'DISCONNECTED', message: 'lost' } });
    await useSaleStore.getState().charge();
    expect(useSaleStore.getState().actionKey).toBe(key);
    expect(useSaleStore.getState().error?.message).toBe('lost');
    fake.charge.mockResolvedValueOnce({ ok: false, error: { code: 'RECOVERY_PENDING', message: 'recovering' } });
    await useSaleStore.getState().charge();
    expect(fake.charge.mock.calls[1]?.[0].idempotencyKey).toBe(key);
    expect(useSaleStore.getState().actionKey).not.toBe(key);
    expect(useSaleStore.getState().card).toEqual(card);
    fake.charge.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: 'present the card again' } });
    await useSaleStore.getState().charge();
    expect(useSaleStore.getState().card).toBeUndefined();
  });

  it('steps back with Escape but never while a charge is in flight', () => {
    const sale = useSaleStore.getState();
    sale.enterAmount(500);
    sale.cardPresented(card);
    useSaleStore.setState({ charging: true });
    useSaleStore.getState().back();
    expect(useSaleStore.getState().card).toEqual(card);
    useSaleStore.setState({ charging: false });
    useSaleStore.getState().back();
    expect(useSaleStore.getState().card).toBeUndefined();
    useSaleStore.getState().back();
    expect(useSaleStore.getState().step).toBe('amount');
  });
});

describe('HoldAge', () => {
  it('says the age in words, warns from 25 days and flags from 30, never by colour alone', () => {
    const { rerender, container } = render(<HoldAge hold={{ ageDays: 0, ageStatus: 'ok' }} />);
    expect(container.textContent).toBe('Today');
    rerender(<HoldAge hold={{ ageDays: 26, ageStatus: 'warn' }} />);
    expect(screen.getByText(/26 days: capture soon/)).toBeTruthy();
    rerender(<HoldAge hold={{ ageDays: 31, ageStatus: 'flag' }} />);
    expect(screen.getByText(/31 days: over 30 days, capture or release now/)).toBeTruthy();
  });
});
