// @vitest-environment happy-dom
/**
 * The Sale screen's decline view with window.pos faked at the boundary: a card the decline rules
 * hold back is named with its day and let through by a manager's PIN (a wrong PIN keeps the form
 * and the card), a retry of a declined sale names it, a "call the issuer" decline opens the Voice
 * authorization screen prefilled, the count shows only near the limit, and a capture below the hold
 * says on the receipt what happens to the rest.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardRead } from '../../../preload/contract';
import { defaultSettings } from '../../../preload/contract';
import type { CardRefusal, Decline } from '../../../preload/schemas';

const fake = vi.hoisted(() => ({ charge: vi.fn() }));

vi.mock('../../../renderer/src/pos', () => ({
  pos: {
    on: () => () => {},
    sale: { charge: fake.charge },
    settings: { get: vi.fn(async () => ({ ok: true, value: defaultSettings })) },
    reader: { testCards: vi.fn(async () => ({ ok: true, value: [] })), status: vi.fn(async () => ({ ok: false, error: { code: 'NOT_CONFIGURED', message: 'no reader' } })) },
    app: { info: vi.fn() },
  },
}));

const { useSaleStore } = await import('../../../renderer/src/stores/sale-store');
const { useVoiceStore } = await import('../../../renderer/src/stores/voice-store');
const { useAppStore } = await import('../../../renderer/src/stores/app-store');
const { SaleScreen } = await import('../../../renderer/src/screens/SaleScreen');
const { Receipt } = await import('../../../renderer/src/components/Receipt');
const { declineCountNote, formatBusinessDate } = await import('../../../renderer/src/components/PaymentBits');

const card: CardRead = { handle: `card_${'a'.repeat(32)}`, entryMode: 'swiped', maskedPan: '•••• 1111', brand: 'visa', expiry: { month: 12, year: 2031 } };
const handedBack: CardRead = { ...card, handle: `card_${'b'.repeat(32)}` };
const ok = <T,>(value: T) => ({ ok: true as const, value });
const receipt = {
  storeName: 'Counter', terminalId: 'COUNTER1', orderId: 'SPLIT-1', kind: 'sale' as const, amountMinor: 12_50, currency: 'USD' as const,
  maskedPan: '•••• 1111', brand: 'visa', entryMode: 'swiped', approvalCode: '123456', gatewayId: '1', transactionId: 't1', time: new Date().toISOString(),
};
const neverApprove: CardRefusal = {
  rule: 'issuer-never-approves', declinedOn: '2026-11-21', clearsOn: '2026-12-21', declinesInWindow: 1, declineLimit: 15, overridable: true, card: handedBack,
};
const decline = (overrides: Partial<Decline> = {}): Decline => ({
  reason: 'STOLEN_LOST_CARD', message: 'Decline - Stolen or lost card.', category: '01', retryAllowed: false, declinesInWindow: 1, declineLimit: 15,
  declinedOn: '2026-11-21', reference: 'SPLIT-declined', ...overrides,
});

async function chargedWith(answer: unknown) {
  fake.charge.mockResolvedValueOnce(answer);
  useSaleStore.getState().enterAmount(12_50);
  useSaleStore.getState().cardPresented(card);
  render(<SaleScreen />);
  // As at the counter: the Charge button has focus and is pressed.
  const charge = await screen.findByRole('button', { name: 'Charge $12.50' });
  charge.focus();
  fireEvent.click(charge);
  await screen.findByRole('heading', { level: 2, name: /Card held back|Declined|Call the issuer|Approved/ });
}

beforeEach(() => {
  fake.charge.mockReset();
  useSaleStore.getState().newSale();
  useVoiceStore.getState().reset();
  useAppStore.getState().go('sale');
});
afterEach(cleanup);

describe('the Sale screen after a decline', () => {
  it('names the day the issuer said "will never approve", and a manager lets the card through with a PIN', async () => {
    await chargedWith(ok({ outcome: 'card-refused', refusal: neverApprove }));
    expect(screen.getByRole('heading', { name: /Card held back/ })).toBeTruthy();
    expect(screen.getByText(/declined this card on/).textContent).toContain(formatBusinessDate('2026-11-21'));
    expect(formatBusinessDate('2026-11-21')).toMatch(/Sat/);
    // Focus lands on the safe choice; the override is one Tab away.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Take another card'));

    fireEvent.click(screen.getByRole('button', { name: 'Manager override (PIN)' }));
    fake.charge.mockResolvedValueOnce({ ok: false, error: { code: 'FORBIDDEN', message: 'wrong PIN or unknown manager mgr-ana; 4 tries left before a lockout' } });
    fireEvent.change(screen.getByLabelText('Manager id'), { target: { value: 'mgr-ana' } });
    fireEvent.change(screen.getByLabelText('Manager PIN'), { target: { value: '0000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Approve and charge $12.50' }));
    expect(await screen.findByText(/Not approved: wrong PIN/)).toBeTruthy();

    fake.charge.mockResolvedValueOnce(ok({ outcome: 'approved', receipt }));
    fireEvent.change(screen.getByLabelText('Manager PIN'), { target: { value: '4321' } });
    fireEvent.click(screen.getByRole('button', { name: 'Approve and charge $12.50' }));
    expect(await screen.findByRole('heading', { name: /Approved: \$12.50/ })).toBeTruthy();
    // Both tries charge the card main handed back, each with its own key and the manager's approval.
    const [, wrong, right] = fake.charge.mock.calls.map((call) => call[0] as { idempotencyKey: string; cardHandle: string; override: unknown });
    expect(wrong).toMatchObject({ cardHandle: handedBack.handle, override: { managerId: 'mgr-ana', pin: '0000' } });
    expect(right).toMatchObject({ cardHandle: handedBack.handle, override: { managerId: 'mgr-ana', pin: '4321' } });
    expect(right?.idempotencyKey).not.toBe(wrong?.idempotencyKey);
  });

  it('offers no override for a card refused for the same sale or at the limit, and says from when it may be tried', async () => {
    await chargedWith(ok({ outcome: 'card-refused', refusal: { ...neverApprove, rule: 'retry-limit', declinesInWindow: 15, overridable: false, card: null } }));
    expect(screen.getByText(/declined 15 times in 30 business days/).textContent).toContain(`tried again from ${formatBusinessDate('2026-12-21')}`);
    expect(screen.queryByRole('button', { name: 'Manager override (PIN)' })).toBeNull();
  });

  it('tries the same sale again naming the declined one, so main can refuse a category 01 card for it', async () => {
    await chargedWith(ok({ outcome: 'declined', decline: decline() }));
    expect(screen.getByText('01 — the issuer will never approve this card')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Take another card' }));
    fake.charge.mockResolvedValueOnce(ok({ outcome: 'approved', receipt }));
    useSaleStore.getState().cardPresented(card);
    await useSaleStore.getState().charge();
    expect(fake.charge.mock.calls[1]?.[0]).toMatchObject({ retryOf: 'SPLIT-declined' });
    // A new sale is a new transaction.
    useSaleStore.getState().newSale();
    expect(useSaleStore.getState().retryOf).toBeUndefined();
  });

  it('leads a "call the issuer" decline straight to Voice authorization, prefilled with the amount and the card', async () => {
    const callIssuer = decline({ reason: 'CONTACT_PROCESSOR', category: '02', retryAllowed: true, callIssuer: { amountMinor: 1000_30, card: handedBack } });
    await chargedWith(ok({ outcome: 'declined', decline: callIssuer }));
    expect(screen.getByRole('heading', { name: /Call the issuer/ })).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Voice authorization'));
    fireEvent.click(screen.getByRole('button', { name: 'Voice authorization' }));
    expect(useAppStore.getState().screen).toBe('voice');
    expect(useVoiceStore.getState()).toMatchObject({ step: 'code', amountMinor: 1000_30, card: handedBack, fromDecline: true });
    expect(useSaleStore.getState().step).toBe('amount');
  });

  it('shows the count of declines only when the card is close to the limit', () => {
    expect(declineCountNote(11, 15)).toBeUndefined();
    expect(declineCountNote(12, 15)).toBe('12 of the 15 declines the card networks allow in 30 business days');
  });
});

describe('a receipt for a capture below the hold', () => {
  it('says what was not taken and that it falls off the card by itself', () => {
    render(<Receipt receipt={{ ...receipt, kind: 'capture', amountMinor: 75_00, holdRemainder: { amountMinor: 5_00, fallsOffWithinDays: 7 } }} />);
    expect(screen.getByText(/Not taken from the hold: \$5.00/).textContent).toContain('falls off the card by itself within 7 days');
  });
});
