import { useEffect, useRef } from 'react';
import type { SplitSession } from '../../../preload/channels/sales';
import type { CurrencyCode } from '../../../preload/currency';
import { AmountKeypad, type AmountKeypadHandle } from '../components/AmountKeypad';
import { CardStep } from '../components/CardStep';
import { CallError, DeclineDetails, useEscape, useFocusOn, useNow } from '../components/PaymentBits';
import { ScreenFrame } from '../components/ScreenFrame';
import { formatMoney } from '../money';
import { useAppStore } from '../stores/app-store';
import { useSettingsStore } from '../stores/settings-store';
import { currentSession, secondsLeftAt, useSplitStore } from '../stores/split-store';

const stateWords = { authorized: 'Approved, captured at completion', captured: 'Captured', reversed: 'Reversed', recorded: 'Cash taken' } as const;
const sessionWords = { open: 'Open', completed: 'Paid in full', cancelling: 'Cancelling: reversing card payments', cancelled: 'Cancelled' } as const;

/** "9:05" for 545 seconds. */
export function clockOf(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** One sale paid by several cards and cash: balance due, tenders, add card or cash, cancel, complete. */
export function SplitTenderScreen() {
  const settingsLoad = useSettingsStore((state) => state.load);
  const settings = useSettingsStore((state) => state.settings);
  const { sessions, loading, loadError, load, back } = useSplitStore();
  const session = useSplitStore(currentSession);
  useEffect(() => {
    void load();
    if (!useSettingsStore.getState().settings) void settingsLoad();
  }, [load, settingsLoad]);
  useEscape(back);

  return (
    <ScreenFrame title="Split tender">
      {loadError && (
        <p role="alert" className="error">
          Could not load the split-tender sessions: {loadError}
        </p>
      )}
      {loading && sessions.length === 0 && <p role="status">Loading…</p>}
      {session ? <SessionView session={session} maxMinor={settings?.maxAmountMinor ?? session.totalMinor} /> : !loading && <SessionList sessions={sessions} />}
    </ScreenFrame>
  );
}

function SessionList({ sessions }: { sessions: SplitSession[] }) {
  const select = useSplitStore((state) => state.select);
  const receivedAt = useSplitStore((state) => state.receivedAt);
  const go = useAppStore((state) => state.go);
  const now = useNow(sessions.length > 0);
  const open = sessions.filter((session) => session.state === 'open' || session.state === 'cancelling');
  if (open.length === 0) {
    return (
      <div className="split-empty">
        <p>No split tender is open. When a card covers only part of a sale, the rest is taken here on other cards or in cash.</p>
        <div className="actions">
          <button type="button" onClick={() => go('sale')}>
            Go to Sale
          </button>
        </div>
      </div>
    );
  }
  return (
    <table className="split-table">
      <caption>Open split tenders</caption>
      <thead>
        <tr>
          <th scope="col">Session</th>
          <th scope="col">Total</th>
          <th scope="col">Balance due</th>
          <th scope="col">Time left</th>
          <th scope="col">
            <span className="pb-sr-only">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {open.map((session) => (
          <tr key={session.sessionId}>
            <td>{session.sessionId}</td>
            <td>{formatMoney(session.totalMinor, session.currency)}</td>
            <td>{formatMoney(session.balanceDueMinor, session.currency)}</td>
            <td>{session.state === 'open' ? clockOf(secondsLeftAt(session, receivedAt[session.sessionId], now)) : sessionWords[session.state]}</td>
            <td>
              <button type="button" onClick={() => select(session.sessionId)} aria-label={`Open split tender ${session.sessionId}`}>
                Open
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SessionView({ session, maxMinor }: { session: SplitSession; maxMinor: number }) {
  const { step, notice, error, receivedAt } = useSplitStore();
  const open = session.state === 'open';
  const now = useNow(open);
  const left = secondsLeftAt(session, receivedAt[session.sessionId], now);
  const money = (minor: number) => formatMoney(minor, session.currency);
  const hurry = open && left < 120;
  const timeUp = open && left === 0;
  const cancelled = session.state === 'cancelling' || session.state === 'cancelled';

  return (
    <div className={session.state === 'completed' ? 'split pb-printable' : 'split'}>
      <section className="split-summary" aria-label="Split tender summary">
        <dl>
          <div>
            <dt>Sale total</dt>
            <dd>{money(session.totalMinor)}</dd>
          </div>
          {cancelled ? (
            <div className="split-due">
              <dt>Cash to hand back</dt>
              <dd>{money(session.cashToReturnMinor)}</dd>
            </div>
          ) : (
            <>
              <div>
                <dt>Paid</dt>
                <dd>{money(session.paidMinor)}</dd>
              </div>
              <div className="split-due">
                <dt>Balance due</dt>
                <dd>{money(session.balanceDueMinor)}</dd>
              </div>
            </>
          )}
          <div className={hurry ? 'split-time split-hurry' : 'split-time'}>
            <dt>{open ? 'Time left' : 'State'}</dt>
            <dd>
              {open ? (
                <>
                  <span role="timer" aria-label={`${Math.floor(left / 60)} minutes ${left % 60} seconds left`}>
                    {clockOf(left)}
                  </span>
                  {hurry && <span> ⚠ almost out of time</span>}
                </>
              ) : (
                sessionWords[session.state]
              )}
            </dd>
          </div>
        </dl>
        {open && (
          <p className="muted">
            Unfinished, every card payment is reversed at {new Date(session.expiresAt).toLocaleTimeString()}. Session {session.sessionId}.
          </p>
        )}
      </section>

      <Tenders session={session} />

      {notice && (
        <div className={notice.tone === 'ok' ? 'split-notice' : 'split-notice split-notice-problem'} role="status">
          <p>{notice.text}</p>
          {notice.decline && <DeclineDetails decline={notice.decline} />}
        </div>
      )}
      <CallError error={error} doing={doingOf(step)} />

      {timeUp && (
        <p role="alert" className="split-hurry">
          Time is up: the terminal reverses this split tender&apos;s card payments. Take the payment again as a new sale.
        </p>
      )}
      {open && !timeUp && step === 'overview' && <Overview session={session} />}
      {open && !timeUp && step === 'card-amount' && <TenderAmount key="card" session={session} maxMinor={maxMinor} kind="card" />}
      {open && !timeUp && step === 'card' && <TenderCard session={session} />}
      {open && !timeUp && step === 'cash-amount' && <TenderAmount key="cash" session={session} maxMinor={maxMinor} kind="cash" />}
      {!timeUp && step === 'confirm-cancel' && <ConfirmCancel session={session} />}
      {(!open || timeUp) && <Finished session={session} />}
    </div>
  );
}

function doingOf(step: string): string {
  if (step === 'confirm-cancel') return 'cancel the split tender';
  if (step === 'cash-amount') return 'record the cash';
  if (step === 'overview') return 'complete the split tender';
  return 'charge the card';
}

function Tenders({ session }: { session: SplitSession }) {
  const money = (minor: number) => formatMoney(minor, session.currency);
  return (
    <table className="split-table">
      <caption>Tenders</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Tender</th>
          <th scope="col">Amount</th>
          <th scope="col">State</th>
          <th scope="col">Approval code</th>
        </tr>
      </thead>
      <tbody>
        {session.tenders.length === 0 && (
          <tr>
            <td colSpan={5}>No tenders yet.</td>
          </tr>
        )}
        {session.tenders.map((tender, index) => (
          <tr key={`${tender.gatewayId ?? 'cash'}-${index}`} data-state={tender.state}>
            <td>{index + 1}</td>
            <td>{tender.kind === 'cash' ? 'Cash' : `${tender.brand ?? 'Card'} ${tender.maskedPan ?? ''}`}</td>
            <td>{money(tender.amountMinor)}</td>
            <td>{stateWords[tender.state]}</td>
            <td>{tender.approvalCode ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Overview({ session }: { session: SplitSession }) {
  const { busy, startCard, startCash, complete, askCancel } = useSplitStore();
  const first = useRef<HTMLButtonElement>(null);
  useFocusOn(first, `${session.sessionId}:${session.paidMinor}`);
  const paid = session.balanceDueMinor === 0;
  return (
    <div className="actions split-actions">
      {paid ? (
        <button ref={first} type="button" disabled={busy} onClick={() => void complete()}>
          {busy ? 'Completing…' : 'Complete'}
        </button>
      ) : (
        <>
          <button ref={first} type="button" disabled={busy} onClick={startCard}>
            Add card
          </button>
          <button type="button" disabled={busy} onClick={startCash}>
            Add cash
          </button>
        </>
      )}
      <button type="button" className="secondary" disabled={busy} onClick={askCancel}>
        Cancel split tender…
      </button>
    </div>
  );
}

function TenderAmount({ session, maxMinor, kind }: { session: SplitSession; maxMinor: number; kind: 'card' | 'cash' }) {
  const { busy, enterCardAmount, addCash, back } = useSplitStore();
  const keypad = useRef<AmountKeypadHandle>(null);
  useFocusOn(keypad, kind);
  const limit = Math.min(session.balanceDueMinor, maxMinor);
  const currency: CurrencyCode = session.currency;
  return (
    <section className="split-step" aria-label={kind === 'card' ? 'Card amount' : 'Cash amount'}>
      <AmountKeypad
        ref={keypad}
        id={`split-${kind}`}
        label={kind === 'card' ? 'Amount on the next card' : 'Cash taken'}
        currency={currency}
        limit={{ minor: limit, name: limit === session.balanceDueMinor ? 'the balance due' : 'the maximum per transaction' }}
        initialMinor={session.balanceDueMinor}
        submitLabel={kind === 'card' ? 'Continue to card' : busy ? 'Recording…' : 'Record cash'}
        busy={busy}
        onSubmit={(minor) => (kind === 'card' ? enterCardAmount(minor) : void addCash(minor))}
      />
      <div className="actions">
        <button type="button" className="secondary" disabled={busy} onClick={back} aria-keyshortcuts="Escape">
          Back <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
}

function TenderCard({ session }: { session: SplitSession }) {
  const { busy, card, tenderMinor, cardPresented, addCard, back } = useSplitStore();
  const amount = formatMoney(tenderMinor, session.currency);
  return (
    <section className="split-step" aria-labelledby="split-card-title">
      <h2 id="split-card-title">Next card: {amount}</h2>
      <CardStep card={card} busy={busy} onCard={cardPresented} onBack={back} onAction={() => void addCard()} actionLabel={`Charge ${amount}`} busyLabel={`Charging ${amount}…`} />
    </section>
  );
}

function ConfirmCancel({ session }: { session: SplitSession }) {
  const { busy, cancel, back } = useSplitStore();
  const keep = useRef<HTMLButtonElement>(null);
  useFocusOn(keep, 'confirm');
  const cards = session.tenders.filter((tender) => tender.kind === 'card' && tender.state !== 'reversed');
  const cash = session.tenders.filter((tender) => tender.kind === 'cash').reduce((sum, tender) => sum + tender.amountMinor, 0);
  return (
    <section className="split-step split-confirm" role="alertdialog" aria-labelledby="split-cancel-title" aria-describedby="split-cancel-detail">
      <h2 id="split-cancel-title">Cancel this split tender?</h2>
      <p id="split-cancel-detail">
        {cards.length > 0
          ? `Every card payment is reversed: ${cards.map((tender) => `${formatMoney(tender.amountMinor, session.currency)} on ${tender.brand ?? 'card'} ${tender.maskedPan ?? ''}`).join(', ')}.`
          : 'No card payment to reverse.'}
        {cash > 0 && ` Hand back ${formatMoney(cash, session.currency)} in cash.`}
      </p>
      <div className="actions">
        <button type="button" className="pb-danger" disabled={busy} onClick={() => void cancel()}>
          {busy ? 'Reversing…' : 'Cancel and reverse payments'}
        </button>
        <button ref={keep} type="button" className="secondary" disabled={busy} onClick={back} aria-keyshortcuts="Escape">
          Keep paying <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
}

function Finished({ session }: { session: SplitSession }) {
  const select = useSplitStore((state) => state.select);
  const go = useAppStore((state) => state.go);
  const next = useRef<HTMLButtonElement>(null);
  useFocusOn(next, session.state);
  return (
    <section className="split-step" aria-labelledby="split-done-title">
      <h2 id="split-done-title">
        {session.state === 'completed'
          ? '✓ Paid in full'
          : session.state === 'cancelled'
            ? '✕ Split tender cancelled'
            : session.state === 'open'
              ? '✕ Split tender ran out of time'
              : 'Cancelling: reversing card payments…'}
      </h2>
      {session.cashToReturnMinor > 0 && <p className="split-hurry">Give the customer back {formatMoney(session.cashToReturnMinor, session.currency)} in cash.</p>}
      <div className="actions">
        {session.state === 'completed' && (
          <button type="button" className="secondary" onClick={() => window.print()}>
            Print
          </button>
        )}
        <button
          ref={next}
          type="button"
          onClick={() => {
            select(undefined);
            go('sale');
          }}
        >
          New sale
        </button>
      </div>
    </section>
  );
}
