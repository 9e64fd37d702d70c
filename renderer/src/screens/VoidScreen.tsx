import { useEffect, useRef, useState } from 'react';
import type { CurrencyCode } from '../../../preload/currency';
import { ManagerApproval, isApprovalProblem, plainMessage } from '../components/ManagerApproval';
import { ScreenFrame } from '../components/ScreenFrame';
import { formatMoney } from '../money';
import { filterVoidable, holdsUnder, kindLabels, ownerLabels, useVoidStore, type Voidable, type VoidOutcome, type VoidStep } from '../stores/void-store';

const money = (item: Voidable) => formatMoney(item.approvedMinor, item.currency as CurrencyCode);
const cardOf = (item: Voidable) => (item.maskedPan ? `${item.cardBrand ?? 'card'} ${item.maskedPan}` : 'no card');
const timeOf = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Manager voids of today's captures and sales, before the batch settles; a settled one is refunded instead. */
export function VoidScreen() {
  const { items, loading, loadError, step, busy, error, outcome, load, choose, setReleaseHold, cancel, approve } = useVoidStore();
  const [query, setQuery] = useState('');
  const filterInput = useRef<HTMLInputElement>(null);
  const lastChosen = useRef<string>(undefined);

  useEffect(() => {
    useVoidStore.setState({ step: undefined, error: undefined, outcome: undefined });
    void load();
  }, [load]);

  const shown = items ? filterVoidable(items, query) : [];
  const close = () => {
    cancel();
    // Back to where the manager was: the row's button, or the filter when the row is gone.
    requestAnimationFrame(() => (document.getElementById(`void-${lastChosen.current}`) ?? filterInput.current)?.focus());
  };
  const pick = (item: Voidable) => {
    lastChosen.current = item.transactionId;
    choose(item);
  };

  return (
    <ScreenFrame title="Void">
      <p className="void-intro">This business day's captures and sales can be voided until the batch settles at the day's cut-off (the store's time zone and hour, in Settings). Each void needs a manager's PIN, for that void only.</p>
      <Outcome outcome={outcome} />
      {step ? (
        <StepPanel step={step} busy={busy} error={error} onApprove={(approval) => void approve(approval)} onCancel={close} onReleaseHold={setReleaseHold} />
      ) : (
        <>
          <div className="field void-filter">
            <label htmlFor="void-filter">Find by reference, card, approval code or amount</label>
            <input id="void-filter" ref={filterInput} type="search" value={query} autoComplete="off" onChange={(e) => setQuery(e.target.value)} />
          </div>
          {loadError && (
            <p role="alert" className="error">
              Could not load today's transactions: {loadError}{' '}
              <button type="button" className="void-link" onClick={() => void load()}>
                Try again
              </button>
            </p>
          )}
          <p role="status" className="void-count">
            {loading && !items ? 'Loading today’s transactions…' : items ? (items.length === 0 ? 'Nothing to void today.' : `${shown.length} of ${items.length} shown`) : ''}
          </p>
          {shown.length > 0 && (
            <table className="void-table" aria-label="Voidable captures and sales">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">What</th>
                  <th scope="col">Card</th>
                  <th scope="col" className="void-amount">
                    Amount
                  </th>
                  <th scope="col">Approval</th>
                  <th scope="col">
                    <span className="void-sr-only">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((item) => (
                  <tr key={item.transactionId}>
                    <td>{timeOf(item.createdAtMs)}</td>
                    <td>
                      {kindLabels[item.kind]} <span className="muted">({ownerLabels[item.ownerKind]} {item.reference})</span>
                    </td>
                    <td>{cardOf(item)}</td>
                    <td className="void-amount">{money(item)}</td>
                    <td>{item.approvalCode ?? '—'}</td>
                    <td className="actions">
                      <button type="button" id={`void-${item.transactionId}`} aria-label={`Void ${money(item)} ${kindLabels[item.kind].toLowerCase()} on ${cardOf(item)}`} onClick={() => pick(item)}>
                        Void…
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {error && !isApprovalProblem(error) && (
        <p role="alert" className="error">
          <span aria-hidden="true">⚠ </span>
          {plainMessage(error.message)}
        </p>
      )}
    </ScreenFrame>
  );
}

function StepPanel({ step, busy, error, onApprove, onCancel, onReleaseHold }: { step: VoidStep; busy: boolean; error: Parameters<typeof ManagerApproval>[0]['error']; onApprove: Parameters<typeof ManagerApproval>[0]['onApprove']; onCancel(): void; onReleaseHold(release: boolean): void }) {
  const { item } = step;
  const summary = (
    <dl className="void-summary">
      <div>
        <dt>Amount</dt>
        <dd className="void-summary-amount">{money(item)}</dd>
      </div>
      <div>
        <dt>Card</dt>
        <dd>{cardOf(item)}</dd>
      </div>
      <div>
        <dt>What</dt>
        <dd>
          {kindLabels[item.kind]} of {ownerLabels[item.ownerKind]} {item.reference}
        </dd>
      </div>
      <div>
        <dt>Time</dt>
        <dd>
          {timeOf(item.createdAtMs)} by {item.operatorId}
          {item.approvalCode ? `, approval ${item.approvalCode}` : ''}
        </dd>
      </div>
    </dl>
  );
  if (step.kind === 'refund') {
    return (
      <section className="void-step" aria-label="Refund instead">
        <ManagerApproval key={step.key} action={`refund ${money(item)} to ${cardOf(item)}`} submitLabel={`Approve refund of ${money(item)}`} busy={busy} error={error} onApprove={onApprove} onCancel={onCancel}>
          <p role="alert" className="void-settled">
            <span aria-hidden="true">ⓘ </span>This {kindLabels[item.kind].toLowerCase()} has settled and can no longer be voided ({plainMessage(step.reason)}). Refund it instead: the money goes back to the card.
          </p>
          {summary}
        </ManagerApproval>
      </section>
    );
  }
  return (
    <section className="void-step" aria-label="Confirm the void">
      <ManagerApproval key={step.key} action={`void ${money(item)} on ${cardOf(item)}`} submitLabel={`Approve void of ${money(item)}`} busy={busy} error={error} onApprove={onApprove} onCancel={onCancel}>
        {summary}
        {holdsUnder(item) && (
          <div className="void-release">
            <input id="void-release-hold" type="checkbox" checked={step.releaseHold} onChange={(e) => onReleaseHold(e.target.checked)} />
            <label htmlFor="void-release-hold">Also release the authorization hold, so the customer's funds are not left held (recommended)</label>
          </div>
        )}
      </ManagerApproval>
    </section>
  );
}

function Outcome({ outcome }: { outcome?: VoidOutcome | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) ref.current?.focus();
  }, [outcome]);
  if (!outcome) return <div role="status" className="void-sr-only" />;
  const { item } = outcome;
  let text: string;
  let good = true;
  if (outcome.kind === 'voided') {
    const release = outcome.release;
    const hold = !holdsUnder(item) ? '' : release === null ? ' No authorization hold was released.' : release.released ? ' The authorization hold was released.' : ` The hold was not released: ${plainMessage(release.message ?? 'no reason given')}. The funds stay held until the authorization expires.`;
    text = `Voided ${money(item)} on ${cardOf(item)} (${item.reference}).${hold}`;
  } else if (outcome.kind === 'refunded') {
    text = `Refunded ${formatMoney(outcome.step.approvedMinor ?? outcome.step.amountMinor, item.currency as CurrencyCode)} to ${cardOf(item)} (${item.reference}).`;
  } else {
    good = false;
    const why = outcome.step.declineReason ?? outcome.step.message ?? outcome.step.status;
    text = `The ${outcome.what} of ${money(item)} was not approved (${why}). Nothing changed.`;
  }
  return (
    <div ref={ref} tabIndex={-1} role="status" className={`void-outcome ${good ? 'void-outcome-ok' : 'void-outcome-bad'}`}>
      <span aria-hidden="true">{good ? '✓ ' : '✗ '}</span>
      {text}
    </div>
  );
}
