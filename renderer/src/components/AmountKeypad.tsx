import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { CurrencyCode } from '../../../preload/currency';
import { checkAmount, digitsOfText, formatMoney, maxAmountDigits, minorOfDigits } from '../money';

export interface AmountKeypadProps {
  /** Names the amount field, e.g. "Sale amount". */
  label: string;
  currency: CurrencyCode;
  /** The largest amount accepted and what it is, so a refusal says why. */
  limit: { minor: number; name: string };
  /** The submit button's words, e.g. "Charge". */
  submitLabel: string;
  /** Called with a valid amount on Enter or the submit button. */
  onSubmit(minor: number): void;
  /** While a call is in flight: no typing, no submit. */
  busy?: boolean;
  /** Digits to start from (minor units), e.g. the balance due. */
  initialMinor?: number;
  /** A short id prefix, when two keypads share a page. */
  id?: string;
  /**
   * Digits typed while focus is on no field (the screen heading on arrival, the page) go to this
   * keypad, so the operator can start typing at once. Default true; one keypad per screen.
   */
  captureDigits?: boolean;
}

export interface AmountKeypadHandle {
  focus(): void;
  clear(): void;
}

const keys = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '00', '0'] as const;

/**
 * Amount entry typed as minor units: "1234" shows 12.34. Digits, Backspace, Delete (clear) and
 * Enter from the keyboard, or the on-screen keys. Zero and amounts over the limit are refused
 * with the reason; pasted text counts only when it is a plain amount.
 */
export const AmountKeypad = forwardRef<AmountKeypadHandle, AmountKeypadProps>(function AmountKeypad(
  { label, currency, limit, submitLabel, onSubmit, busy = false, initialMinor, id = 'amount', captureDigits = true },
  ref,
) {
  const [digits, setDigits] = useState(initialMinor && initialMinor > 0 ? String(initialMinor) : '');
  const [refusal, setRefusal] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus(), clear: () => (setDigits(''), setRefusal(undefined)) }), []);

  const minor = minorOfDigits(digits);
  const shown = formatMoney(minor, currency);

  const change = (next: string) => {
    const trimmed = next.replace(/^0+/, '');
    if (trimmed.length > maxAmountDigits) {
      setRefusal(`Amounts have at most ${maxAmountDigits} digits.`);
      return;
    }
    const value = minorOfDigits(trimmed);
    if (value > limit.minor) {
      setRefusal(`${formatMoney(value, currency)} is over ${limit.name} (${formatMoney(limit.minor, currency)}).`);
      return;
    }
    setRefusal(undefined);
    setDigits(trimmed);
  };
  const press = (key: string) => {
    if (busy) return;
    if (key === 'back') change(digits.slice(0, -1));
    else if (key === 'clear') change('');
    else change(digits + key);
    input.current?.focus();
  };
  const submit = () => {
    if (busy) return;
    const check = checkAmount(minor, limit, currency);
    if (!check.ok) {
      setRefusal(check.reason);
      return;
    }
    setRefusal(undefined);
    onSubmit(minor);
  };

  const pressRef = useRef(press);
  useEffect(() => {
    pressRef.current = press;
  });
  useEffect(() => {
    if (!captureDigits) return;
    const onWindowKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || !/^\d$/.test(event.key)) return;
      if (event.target instanceof HTMLElement && event.target.closest('input, select, textarea, [contenteditable="true"]')) return;
      event.preventDefault();
      input.current?.focus();
      pressRef.current(event.key);
    };
    window.addEventListener('keydown', onWindowKeyDown);
    return () => window.removeEventListener('keydown', onWindowKeyDown);
  }, [captureDigits]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (/^\d$/.test(event.key)) press(event.key);
    else if (event.key === 'Backspace') press('back');
    else if (event.key === 'Delete') press('clear');
    else if (event.key === 'Enter') submit();
    else if (event.key.length > 1) return; // Tab, arrows, Escape: leave them to the page
    event.preventDefault();
  };
  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    event.preventDefault();
    if (busy) return;
    const pasted = digitsOfText(event.clipboardData.getData('text'), currency);
    if (pasted === undefined) setRefusal('Pasted text is not an amount; nothing was changed.');
    else change(pasted);
  };

  const errorId = `${id}-refusal`;
  return (
    <div className="kp">
      <label htmlFor={id} className="kp-label">
        {label} ({currency})
      </label>
      <input
        ref={input}
        id={id}
        className="kp-display"
        inputMode="none"
        autoComplete="off"
        spellCheck={false}
        value={shown}
        readOnly={busy}
        aria-invalid={refusal ? true : undefined}
        aria-describedby={refusal ? errorId : `${id}-hint`}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onDrop={(e) => e.preventDefault()}
        onChange={() => {}}
      />
      <p id={`${id}-hint`} className="kp-hint muted">
        Type the amount in cents (1234 is 12.34). Backspace removes a digit, Delete clears, Enter: {submitLabel}.
      </p>
      <p id={errorId} className="kp-refusal error" role="alert">
        {refusal}
      </p>
      <div className="kp-keys" role="group" aria-label={`${label} keypad`}>
        {keys.map((key) => (
          <button key={key} type="button" tabIndex={-1} disabled={busy} onMouseDown={(e) => e.preventDefault()} onClick={() => press(key)}>
            {key}
          </button>
        ))}
        <button type="button" tabIndex={-1} disabled={busy} aria-label="Remove last digit" onMouseDown={(e) => e.preventDefault()} onClick={() => press('back')}>
          ⌫
        </button>
        <button type="button" tabIndex={-1} disabled={busy} className="kp-clear" aria-label="Clear amount" onMouseDown={(e) => e.preventDefault()} onClick={() => press('clear')}>
          Clear
        </button>
      </div>
      <div className="actions">
        <button type="button" className="kp-submit" disabled={busy} onClick={submit}>
          {submitLabel} {minor > 0 ? shown : ''}
        </button>
      </div>
    </div>
  );
});
