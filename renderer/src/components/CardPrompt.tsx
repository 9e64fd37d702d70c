import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CardRead } from '../../../preload/contract';
import { pos } from '../pos';
import { useCardEntryStore, type KeyedTyped } from '../stores/card-entry-store';
import { describeReader, useReaderStore } from '../stores/reader-store';
import { useSettingsStore } from '../stores/settings-store';

const blank: KeyedTyped = { pan: '', expiryMonth: '', expiryYear: '', cvn: '' };

interface Props {
  /** A card was read by the reader or keyed: masked, with its one-payment handle. */
  onCard(card: CardRead): void;
  /** While a payment is in flight: cards presented now are ignored, controls are disabled. */
  disabled?: boolean;
  /** Focus the first control on arrival (default true). */
  autoFocus?: boolean;
}

/**
 * Asks for a card: the reader's live status, the next card presented on it, a keyed-entry
 * fallback, and in training mode buttons that present a test card through the simulated reader.
 */
export function CardPrompt({ onCard, disabled = false, autoFocus = true }: Props) {
  const status = useReaderStore((state) => state.status);
  const settings = useSettingsStore((state) => state.settings);
  const loadSettings = useSettingsStore((state) => state.load);
  const reset = useCardEntryStore((state) => state.reset);
  const latest = useRef({ onCard, disabled });
  useEffect(() => {
    latest.current = { onCard, disabled };
  });
  const region = useRef<HTMLDivElement>(null);

  useEffect(() => {
    reset();
    if (!useSettingsStore.getState().settings) void loadSettings();
  }, [reset, loadSettings]);

  useEffect(
    () =>
      pos.on('reader.card', (card) => {
        if (!latest.current.disabled) latest.current.onCard(card);
      }),
    [],
  );

  const training = settings?.reader.mode === 'training';
  useEffect(() => {
    if (!autoFocus || !settings) return;
    region.current?.querySelector<HTMLElement>('select, input, button:not([disabled])')?.focus();
  }, [autoFocus, settings]);

  const readerWords = settings?.reader.mode === 'none' ? 'No reader: key the card' : describeReader(status);
  return (
    <div className="cp" ref={region} role="group" aria-label="Card">
      <p className="cp-status" role="status" data-state={status?.state}>
        <span className="cp-status-label">Reader:</span> {readerWords}
        {status && (status.state === 'ready' || status.state === 'reading') && <span className="muted"> — swipe, insert or tap the card</span>}
      </p>
      {training && <TrainingCards disabled={disabled} />}
      <KeyedEntry disabled={disabled} onCard={(card) => latest.current.onCard(card)} />
    </div>
  );
}

function TrainingCards({ disabled }: { disabled: boolean }) {
  const { testCards, testCardsError, presenting, presentError, loadTestCards, present, testCardIndex: index, chooseTestCard: setIndex } = useCardEntryStore();
  useEffect(() => {
    void loadTestCards();
  }, [loadTestCards]);
  const busy = disabled || presenting || !testCards;
  return (
    <fieldset className="cp-training" aria-describedby="cp-training-note">
      <legend>Training: present a test card</legend>
      <p id="cp-training-note" className="muted">
        Sends the chosen test card through the simulated reader, as a customer would.
      </p>
      <div className="cp-row">
        <div className="field">
          <label htmlFor="cp-test-card">Test card</label>
          <select id="cp-test-card" value={index} disabled={disabled} aria-busy={!testCards} onChange={(e) => setIndex(Number(e.target.value))}>
            {(testCards ?? []).map((card) => (
              <option key={card.index} value={card.index}>
                {card.label}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          {(['swipe', 'insert', 'tap'] as const).map((how) => (
            <button key={how} type="button" className="secondary" disabled={busy} onClick={() => void present(index, how)}>
              {how[0]?.toUpperCase() + how.slice(1)}
            </button>
          ))}
        </div>
      </div>
      {testCardsError && (
        <p role="alert" className="error">
          Could not list the test cards: {testCardsError}
        </p>
      )}
      {presentError && (
        <p role="alert" className="error">
          {presentError}
        </p>
      )}
    </fieldset>
  );
}

const keyedFields = [
  { name: 'pan', label: 'Card number', size: 'wide', autoComplete: 'off', maxLength: 23 },
  { name: 'expiryMonth', label: 'Expiry month (MM)', size: 'narrow', autoComplete: 'off', maxLength: 2 },
  { name: 'expiryYear', label: 'Expiry year (YY or YYYY)', size: 'narrow', autoComplete: 'off', maxLength: 4 },
  { name: 'cvn', label: 'Security code (CVN)', size: 'narrow', autoComplete: 'off', maxLength: 4 },
] as const;

/** Typed values leave the fields as soon as they are sent; only main ever holds them. */
function KeyedEntry({ disabled, onCard }: { disabled: boolean; onCard(card: CardRead): void }) {
  const { keying, keyedError, keyedFields: errors, keyed } = useCardEntryStore();
  const [typed, setTyped] = useState<KeyedTyped>(blank);
  const form = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const sent = typed;
    setTyped(blank);
    const card = await keyed(sent);
    if (card) onCard(card);
    else form.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
  };
  const cardError = errors.card ?? (keyedError && Object.keys(errors).length === 0 ? keyedError.message : undefined);

  return (
    <form ref={form} className="cp-keyed" onSubmit={(e) => void submit(e)} noValidate aria-label="Keyed entry">
      <fieldset disabled={disabled || keying}>
        <legend>Or key the card</legend>
        <div className="cp-row">
          {keyedFields.map((field) => {
            const error = errors[field.name];
            return (
              <div key={field.name} className={`field cp-${field.size}`} data-invalid={error ? 'true' : undefined}>
                <label htmlFor={`cp-${field.name}`}>{field.label}</label>
                <input
                  id={`cp-${field.name}`}
                  inputMode="numeric"
                  autoComplete={field.autoComplete}
                  spellCheck={false}
                  maxLength={field.maxLength}
                  type={field.name === 'cvn' ? 'password' : 'text'}
                  value={typed[field.name]}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `cp-${field.name}-error` : undefined}
                  onChange={(e) => setTyped({ ...typed, [field.name]: e.target.value.replace(/[^\d\s-]/g, '') })}
                />
                {error && (
                  <span id={`cp-${field.name}-error`} className="error">
                    {error}
                  </span>
                )}
              </div>
            );
          })}
        </div>
        <div className="actions">
          <button type="submit" className="secondary">
            {keying ? 'Checking card…' : 'Use keyed card'}
          </button>
        </div>
        {cardError && (
          <p role="alert" className="error">
            {cardError}
          </p>
        )}
      </fieldset>
    </form>
  );
}
