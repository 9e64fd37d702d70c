import { useEffect, useRef } from 'react';
import type { CurrencyCode } from '../../../preload/currency';
import { AmountKeypad, type AmountKeypadHandle } from '../components/AmountKeypad';
import { CardPrompt } from '../components/CardPrompt';
import { ManagerApproval, isApprovalProblem } from '../components/ManagerApproval';
import { CallError, CardRefusalDetails, DeclineDetails, useEscape, useFocusOn } from '../components/PaymentBits';
import { Receipt } from '../components/Receipt';
import { ScreenFrame } from '../components/ScreenFrame';
import { formatMoney } from '../money';
import { useSaleStore } from '../stores/sale-store';
import { useSettingsStore } from '../stores/settings-store';

const entryWords = { swiped: 'swiped', inserted: 'chip inserted', tapped: 'tapped', keyed: 'keyed' } as const;

/** Ring up a sale: amount → card → result → receipt. Escape steps back; focus follows the step. */
export function SaleScreen() {
  const settings = useSettingsStore((state) => state.settings);
  const loadError = useSettingsStore((state) => state.loadError);
  const load = useSettingsStore((state) => state.load);
  const step = useSaleStore((state) => state.step);
  const back = useSaleStore((state) => state.back);
  useEffect(() => {
    void load();
  }, [load]);
  useEscape(back);

  return (
    <ScreenFrame title="Sale">
      {!settings && (loadError ? <p role="alert" className="error">Could not load the terminal settings: {loadError}</p> : <p role="status">Loading…</p>)}
      {settings && (
        <div className="sale">
          {step === 'amount' && <AmountStep currency={settings.currency} maxMinor={settings.maxAmountMinor} />}
          {step === 'card' && <CardStep currency={settings.currency} />}
          {step === 'result' && <ResultStep currency={settings.currency} />}
          {step === 'receipt' && <ReceiptStep />}
        </div>
      )}
    </ScreenFrame>
  );
}

function AmountStep({ currency, maxMinor }: { currency: CurrencyCode; maxMinor: number }) {
  const enterAmount = useSaleStore((state) => state.enterAmount);
  const keypad = useRef<AmountKeypadHandle>(null);
  useFocusOn(keypad, 'amount');
  return (
    <section aria-label="Amount">
      <AmountKeypad ref={keypad} id="sale-amount" label="Sale amount" currency={currency} limit={{ minor: maxMinor, name: 'the maximum per transaction' }} submitLabel="Continue to card" onSubmit={enterAmount} />
    </section>
  );
}

function CardStep({ currency }: { currency: CurrencyCode }) {
  const { amountMinor, card, charging, error, cardPresented, charge, back } = useSaleStore();
  const chargeButton = useRef<HTMLButtonElement>(null);
  useFocusOn(chargeButton, card?.handle);
  const amount = formatMoney(amountMinor, currency);
  return (
    <section className="sale-card" aria-labelledby="sale-card-title">
      <h2 id="sale-card-title">
        Sale of <span className="sale-amount">{amount}</span>
      </h2>
      <CallError error={error} doing="charge the card" />
      {!card && (
        <>
          <p>Ask the customer to swipe, insert or tap their card.</p>
          <CardPrompt onCard={cardPresented} disabled={charging} />
        </>
      )}
      {card && (
        <div className="sale-ready">
          <p>
            Card: <strong>{card.brand}</strong> {card.maskedPan} ({entryWords[card.entryMode]})
          </p>
          <div className="actions">
            <button ref={chargeButton} type="button" disabled={charging} aria-busy={charging} onClick={() => void charge()}>
              {charging ? `Charging ${amount}…` : `Charge ${amount}`}
            </button>
            <button type="button" className="secondary" disabled={charging} onClick={back} aria-keyshortcuts="Escape">
              Use another card <kbd>Esc</kbd>
            </button>
          </div>
          <p role="status" className="form-status">
            {charging ? 'Waiting for the gateway…' : ''}
          </p>
        </div>
      )}
      {!card && (
        <div className="actions">
          <button type="button" className="secondary" onClick={back} aria-keyshortcuts="Escape">
            Change amount <kbd>Esc</kbd>
          </button>
        </div>
      )}
    </section>
  );
}

function ResultStep({ currency }: { currency: CurrencyCode }) {
  const { result, amountMinor, showReceipt, newSale, back, overriding, charging, error, askOverride, override, voiceInstead } = useSaleStore();
  const next = useRef<HTMLButtonElement>(null);
  // Back from the manager's form, focus returns to the result's first button.
  useFocusOn(next, overriding ? undefined : result);
  if (!result) return null;
  const amount = formatMoney(amountMinor, currency);

  if (result.outcome === 'approved') {
    const { receipt } = result;
    return (
      <section className="sale-result sale-approved" aria-labelledby="sale-result-title">
        <h2 id="sale-result-title">✓ Approved: {formatMoney(receipt.amountMinor, receipt.currency)}</h2>
        <dl className="pb-facts">
          <div>
            <dt>Approval code</dt>
            <dd>{receipt.approvalCode ?? 'none given'}</dd>
          </div>
          <div>
            <dt>Card</dt>
            <dd>
              {receipt.brand} {receipt.maskedPan}
            </dd>
          </div>
          <div>
            <dt>Order</dt>
            <dd>{receipt.orderId}</dd>
          </div>
        </dl>
        <div className="actions">
          <button ref={next} type="button" onClick={showReceipt}>
            View receipt
          </button>
          <button type="button" className="secondary" onClick={newSale}>
            New sale
          </button>
        </div>
      </section>
    );
  }

  const decline = result.outcome === 'declined' ? result.decline : undefined;
  const refusal = result.outcome === 'card-refused' ? result.refusal : undefined;
  if (refusal && overriding && refusal.card) {
    const card = refusal.card;
    return (
      <section className="sale-result sale-problem" aria-labelledby="sale-result-title">
        <h2 id="sale-result-title">Manager override: {amount}</h2>
        <CardRefusalDetails refusal={refusal} />
        <ManagerApproval
          action={`charge ${amount} on ${card.brand} ${card.maskedPan}, which the issuer declined as “will never approve”`}
          submitLabel={`Approve and charge ${amount}`}
          busy={charging}
          error={error}
          onApprove={(approval) => void override(approval)}
          onCancel={() => askOverride(false)}
        />
        <CallError error={error && !isApprovalProblem(error) ? error : undefined} doing="charge the card" />
      </section>
    );
  }

  return (
    <section className="sale-result sale-problem" aria-labelledby="sale-result-title">
      {decline && (
        <>
          <h2 id="sale-result-title">{decline.callIssuer ? `Call the issuer: ${amount}` : `✕ Declined: ${amount}`}</h2>
          <DeclineDetails decline={decline} />
        </>
      )}
      {refusal && (
        <>
          <h2 id="sale-result-title">Card held back: {amount}</h2>
          <CardRefusalDetails refusal={refusal} />
        </>
      )}
      {result.outcome === 'not-charged' && (
        <>
          <h2 id="sale-result-title">Not charged: {amount}</h2>
          <p>{result.message}</p>
        </>
      )}
      {result.outcome === 'in-doubt' && (
        <>
          <h2 id="sale-result-title">Outcome not known yet: {amount}</h2>
          <p>{result.message}</p>
          <p>The terminal resolves it by itself before taking new payments. Do not charge this card again until it has.</p>
        </>
      )}
      <div className="actions">
        {decline?.callIssuer && (
          <button ref={next} type="button" onClick={voiceInstead}>
            Voice authorization
          </button>
        )}
        {result.outcome !== 'in-doubt' && (
          <button ref={decline?.callIssuer ? undefined : next} type="button" className={decline?.callIssuer ? 'secondary' : undefined} onClick={back}>
            {refusal || (decline && !decline.retryAllowed) ? 'Take another card' : 'Try a card again'}
          </button>
        )}
        {refusal?.overridable && refusal.card && (
          <button type="button" className="secondary" onClick={() => askOverride(true)}>
            Manager override (PIN)
          </button>
        )}
        <button ref={result.outcome === 'in-doubt' ? next : undefined} type="button" className="secondary" onClick={newSale}>
          New sale
        </button>
      </div>
    </section>
  );
}

function ReceiptStep() {
  const { result, newSale } = useSaleStore();
  const print = useRef<HTMLButtonElement>(null);
  useFocusOn(print, 'receipt');
  if (result?.outcome !== 'approved') return null;
  return (
    <section className="sale-receipt" aria-label="Receipt view">
      <Receipt receipt={result.receipt} />
      <div className="actions">
        <button ref={print} type="button" onClick={() => window.print()}>
          Print receipt
        </button>
        <button type="button" className="secondary" onClick={newSale}>
          New sale
        </button>
      </div>
    </section>
  );
}
