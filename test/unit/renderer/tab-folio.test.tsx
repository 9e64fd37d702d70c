// @vitest-environment happy-dom
/**
 * The tab folio's maths as the front desk reads it: what is held, what is owed, what still fits
 * in the hold, and what the next charge will need from the card. window.pos is faked at the boundary.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TabView } from '../../../preload/channels/hotel';

vi.hoisted(() => {
  const call = () => Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: 'not in this test' } });
  const group = new Proxy({}, { get: () => call });
  window.pos = new Proxy({ on: () => () => {} } as Record<string, unknown>, { get: (target, name) => (name === 'on' ? target.on : group) }) as unknown as Window['pos'];
});

const { TabFolio } = await import('../../../renderer/src/components/TabFolio');
const { folioMaths, incrementFor } = await import('../../../renderer/src/stores/tabs-store');

afterEach(cleanup);

let chargeId = 0;
const charge = (category: TabView['charges'][number]['category'], amountMinor: number, note = '') => ({ id: ++chargeId, category, amountMinor, note, operatorId: 'desk-1', createdAtMs: 0 });

function tab(overrides: Partial<TabView> = {}): TabView {
  return {
    tabId: 'TAB-abc',
    guestName: 'Ada Lovelace',
    room: '101',
    nights: 2,
    nightlyRateMinor: 200_00,
    incidentalsMinor: 0,
    headroomMinor: 0,
    currency: 'USD',
    heldMinor: 400_00,
    folioMinor: 400_00,
    capturedMinor: 0,
    lateChargedMinor: 0,
    state: 'open',
    cardOnFile: false,
    maskedPan: '•••• 1111',
    cardBrand: 'visa',
    flagReason: null,
    openedAtMs: 0,
    closedAtMs: null,
    charges: [charge('room', 400_00, '2 × 20000')],
    ...overrides,
  };
}

const folio = () => screen.getByRole('region', { name: 'Folio of room 101' });

describe('TabFolio', () => {
  it('shows held against folio and says the next charge needs the card when the hold is used up', () => {
    render(<TabFolio tab={tab()} />);
    expect(screen.getByTestId('held').textContent).toBe('$400.00');
    expect(screen.getByTestId('folio').textContent).toBe('$400.00');
    expect(screen.getByTestId('free').textContent).toBe('$0.00');
    expect(screen.getByTestId('next-charge').textContent).toBe('The hold is used up: the next charge asks the card for its full amount.');
    expect(within(folio()).getByText('Held at check-in: 2 nights × $200.00 = $400.00.')).toBeTruthy();
  });

  it('counts incidentals in the hold but not in the folio, and names the headroom asked on top', () => {
    render(<TabFolio tab={tab({ incidentalsMinor: 100_00, headroomMinor: 25_00, heldMinor: 500_00, charges: [charge('room', 400_00)] })} />);
    expect(screen.getByTestId('held').textContent).toBe('$500.00');
    expect(screen.getByTestId('free').textContent).toBe('$100.00');
    expect(screen.getByTestId('next-charge').textContent).toBe('Charges up to $100.00 fit in the hold. A larger charge asks the card for the amount above $100.00, plus $25.00 headroom.');
    expect(within(folio()).getByText('Held at check-in: 2 nights × $200.00 + $100.00 incidentals = $500.00.')).toBeTruthy();
  });

  it('lists every charge and totals the folio', () => {
    const charges = [charge('room', 400_00), charge('room-service', 50_00, 'breakfast'), charge('extra-night', 200_00), charge('minibar', 50_00)];
    render(<TabFolio tab={tab({ heldMinor: 700_00, folioMinor: 700_00, charges })} />);
    const table = screen.getByRole('table', { name: 'Charges' });
    const rows = within(table).getAllByRole('row').map((row) => row.textContent);
    expect(rows).toEqual(['ChargeNoteAmount', 'Room$400.00', 'Room servicebreakfast$50.00', 'Extra night$200.00', 'Minibar$50.00', 'Folio total$700.00']);
  });

  it('marks a folio over the hold in words, not colour alone, and asks for a second card once declined', () => {
    render(<TabFolio tab={tab({ state: 'flagged', heldMinor: 450_00, folioMinor: 650_00, flagReason: 'incremental authorization declined' })} />);
    expect(screen.queryByTestId('free')).toBeNull();
    expect(screen.getByText('Over the hold')).toBeTruthy();
    expect(screen.getByTestId('over').textContent).toBe('$200.00');
    expect(screen.getByTestId('next-charge').textContent).toBe('The folio is $200.00 more than the hold and the card declined an increase: take a second card before check-out.');
  });

  it('says check-out asks for the difference when an increase never went out', () => {
    render(<TabFolio tab={tab({ heldMinor: 400_00, folioMinor: 430_00 })} />);
    expect(screen.getByTestId('next-charge').textContent).toBe('The folio is $30.00 more than the hold: check-out asks the card for the difference first.');
  });

  it('shows what was captured on a checked-out tab', () => {
    render(<TabFolio tab={tab({ state: 'checked-out', heldMinor: 700_00, folioMinor: 700_00, capturedMinor: 700_00 })} />);
    expect(screen.getByTestId('next-charge').textContent).toBe('Captured $700.00 at check-out.');
  });

  it('formats a zero-decimal currency without decimals', () => {
    render(<TabFolio tab={tab({ currency: 'JPY', nightlyRateMinor: 20_000, heldMinor: 40_000, folioMinor: 30_000, charges: [charge('room', 30_000)] })} />);
    expect(screen.getByTestId('held').textContent).toBe('¥40,000');
    expect(screen.getByTestId('free').textContent).toBe('¥10,000');
  });
});

describe('folio maths', () => {
  it('agrees with main on what a charge asks the card for: folio past the hold, plus headroom', () => {
    const grace = tab({ incidentalsMinor: 100_00, headroomMinor: 25_00, heldMinor: 500_00, folioMinor: 400_00 });
    expect(incrementFor(grace, 50_00)).toBe(0);
    expect(incrementFor(grace, 250_00)).toBe(650_00 - 500_00 + 25_00);
    expect(incrementFor(tab(), 50_00)).toBe(50_00);
    expect(folioMaths(tab({ heldMinor: 450_00, folioMinor: 650_00 }))).toMatchObject({ freeMinor: 0, overMinor: 200_00, roomMinor: 400_00 });
  });
});
