// @vitest-environment happy-dom
/** The amount keypad and money formatting: digits typed as cents, refusals that say why, paste that does no harm. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AmountKeypad } from '../../../renderer/src/components/AmountKeypad';
import { checkAmount, digitsOfText, formatMoney } from '../../../renderer/src/money';

afterEach(cleanup);

describe('formatMoney', () => {
  it('puts the currency symbol and decimal point where the currency says', () => {
    expect(formatMoney(1234, 'USD')).toBe('$12.34');
    expect(formatMoney(500, 'JPY')).toBe('¥500');
    expect(formatMoney(5, 'EUR')).toBe('€0.05');
    expect(formatMoney(0, 'GBP')).toBe('£0.00');
  });

  it('groups thousands and keeps the sign in front', () => {
    expect(formatMoney(123_456_789, 'USD')).toBe('$1,234,567.89');
    expect(formatMoney(1_000_000, 'JPY')).toBe('¥1,000,000');
    expect(formatMoney(-250, 'USD')).toBe('-$2.50');
  });

  it('refuses a fractional amount rather than rounding it', () => {
    expect(() => formatMoney(12.5, 'USD')).toThrow(RangeError);
  });
});

describe('checkAmount and digitsOfText', () => {
  const limit = { minor: 10_000, name: 'the maximum per transaction' };
  it('refuses zero and amounts over the limit, naming the limit', () => {
    expect(checkAmount(0, limit, 'USD')).toEqual({ ok: false, reason: 'Enter an amount more than zero.' });
    expect(checkAmount(10_001, limit, 'USD')).toEqual({ ok: false, reason: '$100.01 is over the maximum per transaction ($100.00).' });
    expect(checkAmount(10_000, limit, 'USD')).toEqual({ ok: true });
  });
  it('reads pasted amounts only when they are plain amounts', () => {
    expect(digitsOfText('12.34', 'USD')).toBe('1234');
    expect(digitsOfText('1,000', 'USD')).toBe('100000');
    expect(digitsOfText('12.345', 'USD')).toBeUndefined();
    expect(digitsOfText('<script>alert(1)</script>', 'USD')).toBeUndefined();
    expect(digitsOfText('-5', 'USD')).toBeUndefined();
    expect(digitsOfText('5.5', 'JPY')).toBeUndefined();
  });
});

function renderKeypad(props: Partial<Parameters<typeof AmountKeypad>[0]> = {}) {
  const onSubmit = vi.fn();
  render(<AmountKeypad label="Sale amount" currency="USD" limit={{ minor: 1_000_000, name: 'the maximum per transaction' }} submitLabel="Charge" onSubmit={onSubmit} {...props} />);
  const input = screen.getByLabelText(`Sale amount (${props.currency ?? 'USD'})`) as HTMLInputElement;
  const type = (keys: string) => {
    for (const key of keys) fireEvent.keyDown(input, { key });
  };
  return { input, onSubmit, type };
}

describe('AmountKeypad', () => {
  it('shows typed digits as cents: "1234" is $12.34', () => {
    const { input, type } = renderKeypad();
    expect(input.value).toBe('$0.00');
    type('1');
    expect(input.value).toBe('$0.01');
    type('234');
    expect(input.value).toBe('$12.34');
  });

  it('takes Backspace (one digit), Delete (clear) and Enter (submit with the amount)', () => {
    const { input, onSubmit, type } = renderKeypad();
    type('12345');
    fireEvent.keyDown(input, { key: 'Backspace' });
    expect(input.value).toBe('$12.34');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onSubmit).toHaveBeenCalledWith(1234);
    fireEvent.keyDown(input, { key: 'Delete' });
    expect(input.value).toBe('$0.00');
  });

  it('works from the on-screen keys too', () => {
    const { input, onSubmit } = renderKeypad();
    for (const key of ['4', '00']) fireEvent.click(screen.getByRole('button', { name: key }));
    expect(input.value).toBe('$4.00');
    fireEvent.click(screen.getByRole('button', { name: 'Remove last digit' }));
    expect(input.value).toBe('$0.40');
    fireEvent.click(screen.getByRole('button', { name: /^Charge/ }));
    expect(onSubmit).toHaveBeenCalledWith(40);
    fireEvent.click(screen.getByRole('button', { name: 'Clear amount' }));
    expect(input.value).toBe('$0.00');
  });

  it('refuses zero and says why', () => {
    const { input, onSubmit } = renderKeypad();
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Enter an amount more than zero.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('amount-refusal');
  });

  it('refuses a digit that would go over the maximum, keeps the amount and says why', () => {
    const { input, onSubmit, type } = renderKeypad({ limit: { minor: 5000, name: 'the balance due' } });
    type('5000');
    expect(input.value).toBe('$50.00');
    type('1');
    expect(input.value).toBe('$50.00');
    expect(screen.getByRole('alert').textContent).toBe('$500.01 is over the balance due ($50.00).');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onSubmit).toHaveBeenCalledWith(5000);
  });

  it('ignores letters and other typed characters', () => {
    const { input, type } = renderKeypad();
    type('1a.-e2');
    expect(input.value).toBe('$0.12');
  });

  it('takes a pasted plain amount and ignores pasted text that is not one', () => {
    const { input } = renderKeypad();
    fireEvent.paste(input, { clipboardData: { getData: () => '19.99' } });
    expect(input.value).toBe('$19.99');
    fireEvent.paste(input, { clipboardData: { getData: () => 'DROP TABLE orders; 12' } });
    expect(input.value).toBe('$19.99');
    expect(screen.getByRole('alert').textContent).toBe('Pasted text is not an amount; nothing was changed.');
    fireEvent.change(input, { target: { value: 'whatever' } });
    expect(input.value).toBe('$19.99');
  });

  it('starts from a given amount and does nothing while busy', () => {
    const { input, onSubmit, type } = renderKeypad({ initialMinor: 4000, busy: true });
    expect(input.value).toBe('$40.00');
    type('1');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(input.value).toBe('$40.00');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('uses whole units for a zero-decimal currency', () => {
    const { input, type } = renderKeypad({ currency: 'JPY' });
    type('500');
    expect(input.value).toBe('¥500');
  });
});
