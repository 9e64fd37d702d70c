// @vitest-environment happy-dom
/** The card prompt with window.pos faked: cards from the reader, keyed entry that leaves no trace, training controls. */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardRead } from '../../../preload/contract';

const fake = vi.hoisted(() => ({
  listeners: new Set<(card: unknown) => void>(),
  keyed: vi.fn(),
  present: vi.fn(),
}));

vi.mock('../../../renderer/src/pos', () => ({
  pos: {
    on: (event: string, listener: (card: unknown) => void) => {
      if (event !== 'reader.card') return () => {};
      fake.listeners.add(listener);
      return () => fake.listeners.delete(listener);
    },
    card: { keyed: fake.keyed },
    reader: {
      status: async () => ({ ok: true, value: { state: 'ready', path: '/dev/pts/3' } }),
      testCards: async () => ({ ok: true, value: [{ index: 0, label: 'Visa •••• 1111' }, { index: 1, label: 'Mastercard •••• 4444' }] }),
      present: fake.present,
    },
    settings: { get: async () => ({ ok: true, value: { currency: 'USD', maxAmountMinor: 1_000_000, reader: { mode: 'training', protocol: 'pinpad' } } }) },
  },
}));

const { CardPrompt } = await import('../../../renderer/src/components/CardPrompt');

const card: CardRead = { handle: `card_${'b'.repeat(32)}`, entryMode: 'tapped', maskedPan: '•••• 4444', brand: 'mastercard', expiry: { month: 12, year: 2031 } };
const emit = (read: CardRead) => act(() => fake.listeners.forEach((listener) => listener(read)));

beforeEach(() => {
  fake.keyed.mockReset();
  fake.present.mockReset();
});
afterEach(cleanup);

describe('CardPrompt', () => {
  it('passes on a card presented on the reader while mounted, and none while disabled or after unmounting', async () => {
    const onCard = vi.fn();
    const { rerender, unmount } = render(<CardPrompt onCard={onCard} />);
    emit(card);
    expect(onCard).toHaveBeenCalledWith(card);
    rerender(<CardPrompt onCard={onCard} disabled />);
    await waitFor(() => expect(screen.getByLabelText('Card number').closest('fieldset')?.disabled).toBe(true));
    emit(card);
    expect(onCard).toHaveBeenCalledTimes(1);
    unmount();
    emit(card);
    expect(onCard).toHaveBeenCalledTimes(1);
  });

  it('clears keyed fields as soon as they are sent and marks the field main names', async () => {
    fake.keyed.mockResolvedValueOnce({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'bad', fields: [{ field: 'pan', message: 'The card number fails its check digit' }] } });
    const onCard = vi.fn();
    render(<CardPrompt onCard={onCard} />);
    fireEvent.change(screen.getByLabelText('Card number'), { target: { value: '4111 1111 1111 1112' } });
    fireEvent.change(screen.getByLabelText('Expiry month (MM)'), { target: { value: '12' } });
    fireEvent.change(screen.getByLabelText('Expiry year (YY or YYYY)'), { target: { value: '31' } });
    fireEvent.change(screen.getByLabelText('Security code (CVN)'), { target: { value: '123' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Keyed entry' }));
    expect((screen.getByLabelText('Card number') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Security code (CVN)') as HTMLInputElement).value).toBe('');
    expect(fake.keyed).toHaveBeenCalledWith({ pan: '4111111111111112', expiryMonth: 12, expiryYear: 2031, cvn: '123' });
    await waitFor(() => expect(screen.getByLabelText('Card number').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('The card number fails its check digit')).toBeTruthy();
    expect(onCard).not.toHaveBeenCalled();

    fake.keyed.mockResolvedValueOnce({ ok: true, value: { ...card, entryMode: 'keyed' } });
    fireEvent.change(screen.getByLabelText('Card number'), { target: { value: '4111111111111111' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Keyed entry' }));
    await waitFor(() => expect(onCard).toHaveBeenCalledWith({ ...card, entryMode: 'keyed' }));
  });

  it('presents a chosen test card in training mode', async () => {
    fake.present.mockResolvedValue({ ok: true, value: { presented: true } });
    render(<CardPrompt onCard={() => {}} />);
    const list = await screen.findByRole('combobox', { name: 'Test card' });
    await screen.findByRole('option', { name: 'Mastercard •••• 4444' });
    fireEvent.change(list, { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tap' }));
    await waitFor(() => expect(fake.present).toHaveBeenCalledWith({ index: 1, how: 'tap' }));
  });
});
