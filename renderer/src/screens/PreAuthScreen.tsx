import { useEffect, useRef } from 'react';
import type { PreAuth } from '../../../preload/channels/sales';
import type { CurrencyCode } from '../../../preload/currency';
import { AmountKeypad, type AmountKeypadHandle } from '../components/AmountKeypad';
import { CardStep } from '../components/CardStep';
import { CallError, DeclineDetails, useEscape, useFocusOn } from '../components/PaymentBits';
import { Receipt } from '../components/Receipt';
import { ScreenFrame } from '../components/ScreenFrame';
import { formatMoney } from '../money';
import { selectedHold, usePreAuthStore } from '../stores/preauth-store';
import { useSettingsStore } from '../stores/settings-store';

/** A hold's age in words and a mark, never colour alone: warned from 25 days, flagged from 30. */
export function HoldAge({ hold }: { hold: Pick<PreAuth, 'ageDays' | 'ageStatus'> }) {
  const days = `${hold.ageDays} ${hold.ageDays === 1 ? 'day' : 'days'}`;
  if (hold.ageStatus === 'flag') {
    return (
      <span className="pa-age pa-age-flag">
        <span aria-hidden="true">⛔ </span>
        {days}: over 30 days, capture or release now
      </span>
    );
  }
  if (hold.ageStatus === 'warn') {
    return (
      <span className="pa-age pa-age-warn">
        <span aria-hidden="true">⚠ </span>
        {days}: capture soon (holds expire at 30 days)
      </span>
    );
  }
  return <span className="pa-age">{hold.ageDays === 0 ? 'Today' : days}</span>;
}

/** Holds placed now and captured (or released) later. */
export function PreAuthScreen() {
  const settings = useSettingsStore((state) => state.settings);
  const loadSettings = useSettingsStore((state) => state.load);
  const { step, load, back, error } = usePreAuthStore();
  useEffect(() => {
    void load();
    void loadSettings();
  }, [load, loadSettings]);
  useEscape(back);
  const currency = settings?.currency;

  return (
    <ScreenFrame title="Pre-auth">
      {!settings && <p role="status">Loading…</p>}
      {settings && currency && (
        <>
          {step === 'list' && <HoldList />}
          {step === 'new-amount' && <NewAmount currency={currency} maxMinor={settings.maxAmountMinor} />}
          {step === 'new-card' && <NewCard currency={currency} />}
          {step === 'capture' && <Capture maxMinor={settings.maxAmountMinor} />}
          {step === 'confirm-release' && <ConfirmRelease />}
          {step === 'done' && <Done />}
          <CallError error={error} doing={step === 'capture' ? 'capture the hold' : step === 'confirm-release' ? 'release the hold' : 'place the hold'} />
        </>
      )}
    </ScreenFrame>
  );
}

function HoldList() {
  const { holds, loading, loadError, startNew, startCapture, askRelease } = usePreAuthStore();
  const first = useRef<HTMLButtonElement>(null);
  useFocusOn(first, 'list');
  return (
    <>
      <div className="actions">
        <button ref={first} type="button" onClick={startNew}>
          New hold
        </button>
      </div>
      {loadError && (
        <p role="alert" className="error">
          Could not load the holds: {loadError}
        </p>
      )}
      {loading && holds.length === 0 && <p role="status">Loading holds…</p>}
      {!loading && !loadError && holds.length === 0 && <p>No open holds.</p>}
      {holds.length > 0 && (
        <table className="pa-table">
          <caption>Open holds</caption>
          <thead>
            <tr>
              <th scope="col">Hold</th>
              <th scope="col">Card</th>
              <th scope="col">Held</th>
              <th scope="col">Age</th>
              <th scope="col">
                <span className="pb-sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {holds.map((hold) => {
              const name = `${hold.orderId}, ${formatMoney(hold.authorizedMinor, hold.currency)} on ${hold.brand ?? 'card'} ${hold.maskedPan ?? ''}`;
              return (
                <tr key={hold.orderId} data-age={hold.ageStatus}>
                  <td>{hold.orderId}</td>
                  <td>
                    {hold.brand} {hold.maskedPan}
                  </td>
                  <td>{formatMoney(hold.authorizedMinor, hold.currency)}</td>
                  <td>
                    <HoldAge hold={hold} />
                  </td>
                  <td className="pa-row-actions">
                    <button type="button" aria-label={`Capture ${name}`} onClick={() => startCapture(hold.orderId)}>
                      Capture
                    </button>
                    <button type="button" className="secondary" aria-label={`Release ${name}`} onClick={() => askRelease(hold.orderId)}>
                      Release
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

function NewAmount({ currency, maxMinor }: { currency: CurrencyCode; maxMinor: number }) {
  const { enterAmount, back } = usePreAuthStore();
  const keypad = useRef<AmountKeypadHandle>(null);
  useFocusOn(keypad, 'new');
  return (
    <section className="pa-step" aria-label="New hold">
      <AmountKeypad ref={keypad} id="pa-amount" label="Amount to hold" currency={currency} limit={{ minor: maxMinor, name: 'the maximum per transaction' }} submitLabel="Continue to card" onSubmit={enterAmount} />
      <div className="actions">
        <button type="button" className="secondary" onClick={back} aria-keyshortcuts="Escape">
          Back to holds <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
}

function NewCard({ currency }: { currency: CurrencyCode }) {
  const { amountMinor, card, busy, cardPresented, create, back } = usePreAuthStore();
  const amount = formatMoney(amountMinor, currency);
  return (
    <section className="pa-step" aria-labelledby="pa-card-title">
      <h2 id="pa-card-title">Hold of {amount}</h2>
      <CardStep card={card} busy={busy} onCard={cardPresented} onBack={back} onAction={() => void create()} actionLabel={`Place hold of ${amount}`} busyLabel={`Placing hold of ${amount}…`} />
    </section>
  );
}

function Capture({ maxMinor }: { maxMinor: number }) {
  const hold = usePreAuthStore(selectedHold);
  const { busy, capture, back } = usePreAuthStore();
  const keypad = useRef<AmountKeypadHandle>(null);
  useFocusOn(keypad, hold?.orderId);
  if (!hold) return null;
  const held = formatMoney(hold.authorizedMinor, hold.currency);
  return (
    <section className="pa-step" aria-labelledby="pa-capture-title">
      <h2 id="pa-capture-title">
        Capture {hold.orderId} ({held} on {hold.brand} {hold.maskedPan})
      </h2>
      <p className="muted">A final amount above the hold asks the card for the difference first.</p>
      <AmountKeypad
        ref={keypad}
        id="pa-capture"
        label="Final amount"
        currency={hold.currency}
        limit={{ minor: maxMinor, name: 'the maximum per transaction' }}
        initialMinor={hold.authorizedMinor}
        submitLabel={busy ? 'Capturing…' : 'Capture'}
        busy={busy}
        onSubmit={(minor) => void capture(minor)}
      />
      <div className="actions">
        <button type="button" className="secondary" disabled={busy} onClick={back} aria-keyshortcuts="Escape">
          Back to holds <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
}

function ConfirmRelease() {
  const hold = usePreAuthStore(selectedHold);
  const { busy, release, back } = usePreAuthStore();
  const keep = useRef<HTMLButtonElement>(null);
  useFocusOn(keep, hold?.orderId);
  if (!hold) return null;
  return (
    <section className="pa-step" role="alertdialog" aria-labelledby="pa-release-title" aria-describedby="pa-release-detail">
      <h2 id="pa-release-title">Release this hold?</h2>
      <p id="pa-release-detail">
        {formatMoney(hold.authorizedMinor, hold.currency)} held on {hold.brand} {hold.maskedPan} ({hold.orderId}) goes back to the customer. Nothing is charged.
      </p>
      <div className="actions">
        <button type="button" className="pb-danger" disabled={busy} onClick={() => void release()}>
          {busy ? 'Releasing…' : 'Release hold'}
        </button>
        <button ref={keep} type="button" className="secondary" disabled={busy} onClick={back} aria-keyshortcuts="Escape">
          Keep hold <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
}

function Done() {
  const { outcome, toList } = usePreAuthStore();
  const next = useRef<HTMLButtonElement>(null);
  useFocusOn(next, outcome);
  if (!outcome) return null;
  return (
    <section className="pa-step" aria-labelledby="pa-done-title">
      {outcome.kind === 'held' && (
        <>
          <h2 id="pa-done-title">✓ Hold placed: {formatMoney(outcome.preAuth.authorizedMinor, outcome.preAuth.currency)}</h2>
          <dl className="pb-facts">
            <div>
              <dt>Approval code</dt>
              <dd>{outcome.preAuth.approvalCode ?? 'none given'}</dd>
            </div>
            <div>
              <dt>Card</dt>
              <dd>
                {outcome.preAuth.brand} {outcome.preAuth.maskedPan}
              </dd>
            </div>
            <div>
              <dt>Hold</dt>
              <dd>{outcome.preAuth.orderId}</dd>
            </div>
          </dl>
        </>
      )}
      {outcome.kind === 'captured' && (
        <>
          <h2 id="pa-done-title">✓ Captured: {formatMoney(outcome.receipt.amountMinor, outcome.receipt.currency)}</h2>
          {outcome.incrementedMinor > 0 && <p>The hold was first raised by {formatMoney(outcome.incrementedMinor, outcome.receipt.currency)}.</p>}
          <Receipt receipt={outcome.receipt} />
        </>
      )}
      {outcome.kind === 'released' && (
        <h2 id="pa-done-title">
          ✓ Released: {formatMoney(outcome.preAuth.authorizedMinor, outcome.preAuth.currency)} on {outcome.preAuth.brand} {outcome.preAuth.maskedPan}
        </h2>
      )}
      {outcome.kind === 'declined' && (
        <>
          <h2 id="pa-done-title">✕ Declined: no hold placed</h2>
          <DeclineDetails decline={outcome.decline} />
        </>
      )}
      {(outcome.kind === 'not-charged' || outcome.kind === 'in-doubt') && (
        <>
          <h2 id="pa-done-title">{outcome.kind === 'not-charged' ? 'Nothing was done' : 'Outcome not known yet'}</h2>
          <p>{outcome.message}</p>
        </>
      )}
      <div className="actions">
        {outcome.kind === 'captured' && (
          <button type="button" className="secondary" onClick={() => window.print()}>
            Print receipt
          </button>
        )}
        <button ref={next} type="button" onClick={toList}>
          Back to holds
        </button>
      </div>
    </section>
  );
}
