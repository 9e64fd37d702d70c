import { useEffect, useRef } from 'react';
import type { CurrencyCode } from '../../../preload/currency';
import { AmountKeypad, type AmountKeypadHandle } from '../components/AmountKeypad';
import { CardPrompt } from '../components/CardPrompt';
import { ManagerApproval, isApprovalProblem } from '../components/ManagerApproval';
import { CallError, useEscape, useFocusOn } from '../components/PaymentBits';
import { Receipt } from '../components/Receipt';
import { ScreenFrame } from '../components/ScreenFrame';
import { formatMoney } from '../money';
import { useSettingsStore } from '../stores/settings-store';
import { useVoiceStore } from '../stores/voice-store';

/** Voice authorization (manager): amount → card → the issuer's verbal code + manager approval → receipt marked voice-authorized. */
export function VoiceScreen() {
  const settings = useSettingsStore((state) => state.settings);
  const loadError = useSettingsStore((state) => state.loadError);
  const load = useSettingsStore((state) => state.load);
  const step = useVoiceStore((state) => state.step);
  const back = useVoiceStore((state) => state.back);
  useEffect(() => {
    void load();
  }, [load]);
  useEscape(back);

  return (
    <ScreenFrame title="Voice authorization">
      <p className="muted vo-intro">When the issuer asks for a call: phone them, read out the amount and card, and type the approval code they give. A manager approves the forced capture.</p>
      {!settings && (loadError ? <p role="alert" className="error">Could not load the terminal settings: {loadError}</p> : <p role="status">Loading…</p>)}
      {settings && (
        <div className="vo">
          {step === 'amount' && <AmountStep currency={settings.currency} maxMinor={settings.maxAmountMinor} />}
          {step === 'card' && <CardStep currency={settings.currency} />}
          {step === 'code' && <CodeStep currency={settings.currency} />}
          {step === 'done' && <DoneStep currency={settings.currency} />}
        </div>
      )}
    </ScreenFrame>
  );
}

function AmountStep({ currency, maxMinor }: { currency: CurrencyCode; maxMinor: number }) {
  const enterAmount = useVoiceStore((state) => state.enterAmount);
  const keypad = useRef<AmountKeypadHandle>(null);
  useFocusOn(keypad, 'amount');
  return (
    <section aria-label="Amount">
      <AmountKeypad ref={keypad} id="vo-amount" label="Voice authorization amount" currency={currency} limit={{ minor: maxMinor, name: 'the maximum per transaction' }} submitLabel="Continue to card" onSubmit={enterAmount} />
    </section>
  );
}

function CardStep({ currency }: { currency: CurrencyCode }) {
  const { amountMinor, busy, error, cardPresented, back } = useVoiceStore();
  return (
    <section aria-labelledby="vo-card-title">
      <h2 id="vo-card-title">
        Voice authorization of <span className="vo-amount">{formatMoney(amountMinor, currency)}</span>
      </h2>
      <CallError error={error} doing="use that card" />
      <p>Present or key the card the issuer approved.</p>
      <CardPrompt onCard={cardPresented} disabled={busy} />
      <div className="actions">
        <button type="button" className="secondary" onClick={back} aria-keyshortcuts="Escape">
          Change amount <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </section>
  );
}

function CodeStep({ currency }: { currency: CurrencyCode }) {
  const { amountMinor, card, code, codeProblem, busy, error, fromDecline, setCode, capture, back } = useVoiceStore();
  const codeInput = useRef<HTMLInputElement>(null);
  useFocusOn(codeInput, card?.handle);
  useEffect(() => {
    if (codeProblem) codeInput.current?.focus();
  }, [codeProblem]);
  if (!card) return null;
  const amount = formatMoney(amountMinor, currency);
  return (
    <section aria-labelledby="vo-code-title">
      <h2 id="vo-code-title">
        Voice authorization of <span className="vo-amount">{amount}</span> on {card.brand} {card.maskedPan}
      </h2>
      {fromDecline && <p className="vo-carried">The issuer asked for a call on this sale: the amount and the card are carried over, no need to present it again.</p>}
      <div className="field vo-code" data-invalid={codeProblem ? 'true' : undefined}>
        <label htmlFor="vo-code">Approval code from the issuer's call</label>
        <input
          id="vo-code"
          ref={codeInput}
          value={code}
          maxLength={6}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={codeProblem ? true : undefined}
          aria-describedby={codeProblem ? 'vo-code-error' : 'vo-code-hint'}
          onChange={(e) => setCode(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            document.querySelector<HTMLInputElement>('.vo .approval input')?.focus();
          }}
        />
        {codeProblem ? (
          <span id="vo-code-error" className="error">
            {codeProblem}
          </span>
        ) : (
          <span id="vo-code-hint" className="muted">
            1 to 6 letters or digits, as the issuer read them out.
          </span>
        )}
      </div>
      <CallError error={error && !isApprovalProblem(error) ? error : undefined} doing="record the voice authorization" />
      <ManagerApproval key={card.handle} action={`voice authorization of ${amount} on ${card.maskedPan}`} submitLabel={`Approve forced capture of ${amount}`} busy={busy} error={error} onApprove={(approval) => void capture(approval)} onCancel={back} />
    </section>
  );
}

function DoneStep({ currency }: { currency: CurrencyCode }) {
  const { receipt, orderId, amountMinor, reset } = useVoiceStore();
  const print = useRef<HTMLButtonElement>(null);
  useFocusOn(print, orderId);
  return (
    <section className="vo-done" aria-labelledby="vo-done-title">
      <h2 id="vo-done-title">✓ Voice authorized: {formatMoney(receipt?.amountMinor ?? amountMinor, receipt?.currency ?? currency)}</h2>
      {receipt ? <Receipt receipt={receipt} note={receipt.voiceAuthorized ? `Voice authorized — code ${receipt.approvalCode ?? ''}` : undefined} /> : <p>Recorded as order {orderId}; the receipt is not available yet.</p>}
      <div className="actions">
        {receipt && (
          <button ref={print} type="button" onClick={() => window.print()}>
            Print receipt
          </button>
        )}
        <button ref={receipt ? undefined : print} type="button" className="secondary" onClick={reset}>
          New voice authorization
        </button>
      </div>
    </section>
  );
}
