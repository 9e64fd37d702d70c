import { useCallback, useEffect, useRef, type FormEvent, type KeyboardEvent } from 'react';
import type { CurrencyCode } from '../../../preload/currency';
import { CardStep } from '../components/CardStep';
import { ManagerApproval, isApprovalProblem, plainMessage } from '../components/ManagerApproval';
import { useEscape } from '../components/PaymentBits';
import { Receipt } from '../components/Receipt';
import { ScreenFrame } from '../components/ScreenFrame';
import { formatMoney } from '../money';
import { kindLabels, useHistoryStore, type HistoryEntry, type HistoryForm, type TransactionDetail } from '../stores/history-store';
import { useSettingsStore } from '../stores/settings-store';

const money = (minor: number, entry: { currency: string }) => formatMoney(minor, entry.currency as CurrencyCode);
const cardOf = (entry: HistoryEntry) => (entry.maskedPan ? `${entry.cardBrand ?? 'card'} ${entry.maskedPan}` : 'no card');
const timeOf = (ms: number) => new Date(ms).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const statusWords: Record<string, string> = {
  approved: 'Approved',
  'partially-approved': 'Partly approved',
  declined: 'Declined',
  invalid: 'Refused',
  failed: 'Not sent',
  unknown: 'In doubt',
  pending: 'In flight',
  resolved: 'Undone',
};

/** What happened to a transaction since, in a few words. */
function fateOf(entry: HistoryEntry): string {
  if (entry.voided) return 'Voided';
  if (entry.refundedMinor > 0) return `${money(entry.refundedMinor, entry)} refunded`;
  return statusWords[entry.status] ?? entry.status;
}

/**
 * The transaction history: find a transaction by business day, amount, last 4, approval code or
 * operator; see what happened to it; refund it (in full or in part) or void it while the batch is
 * open; print its receipt again; and refund a card without the original sale.
 */
export function HistoryScreen() {
  const { result, detail, detailError, credit, search, closeDetail, outcome, creditReceipt } = useHistoryStore();
  const settings = useSettingsStore((state) => state.settings);
  const loadSettings = useSettingsStore((state) => state.load);
  const lastOpened = useRef<string>(undefined);

  useEffect(() => {
    if (!useSettingsStore.getState().settings) void loadSettings();
    if (!useHistoryStore.getState().result) void search();
  }, [loadSettings, search]);

  const back = useCallback(() => {
    const state = useHistoryStore.getState();
    if (state.busy || state.action) return;
    // On the credit's card step Escape goes back one step, as the buttons there say.
    if (state.credit?.kind === 'card') {
      if (state.credit.card) state.creditCard(undefined);
      else state.startCredit();
      return;
    }
    if (state.credit) return;
    if (state.detail || state.detailError) {
      closeDetail();
      requestAnimationFrame(() => document.getElementById(`history-row-${lastOpened.current}`)?.focus());
    }
  }, [closeDetail]);
  useEscape(back);

  let body: React.JSX.Element;
  if (credit) body = <CreditPanel />;
  else if (detail) body = <DetailPanel detail={detail} onBack={back} />;
  else {
    body = (
      <>
        <SearchForm />
        {detailError && (
          <p role="alert" className="error">
            Could not open the transaction: {plainMessage(detailError.message)}
          </p>
        )}
        {creditReceipt && <Receipt receipt={creditReceipt} />}
        {result && <Results onOpen={(id) => (lastOpened.current = id)} />}
      </>
    );
  }
  return (
    <ScreenFrame title="History">
      <p className="history-intro muted">
        Find a transaction of any business day{settings ? ` (the store's day starts at ${String(settings.businessDay.cutoffHour).padStart(2, '0')}:00, ${settings.businessDay.timeZone})` : ''}. Refunds and voids need a manager's PIN, for that action only.
      </p>
      {!detail && !credit && <OutcomeLine outcome={outcome} />}
      {body}
    </ScreenFrame>
  );
}

function OutcomeLine({ outcome }: { outcome?: { good: boolean; text: string } | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) ref.current?.focus();
  }, [outcome]);
  if (!outcome) return null;
  return (
    <div ref={ref} tabIndex={-1} role="status" className={`void-outcome ${outcome.good ? 'void-outcome-ok' : 'void-outcome-bad'}`}>
      <span aria-hidden="true">{outcome.good ? '✓ ' : '✗ '}</span>
      {outcome.text}
    </div>
  );
}

const searchFields: { name: keyof HistoryForm; label: string; hint: string; inputMode?: 'numeric' | 'decimal' }[] = [
  { name: 'businessDate', label: 'Business date', hint: 'YYYY-MM-DD; empty for any day' },
  { name: 'amount', label: 'Amount', hint: 'e.g. 12.34', inputMode: 'decimal' },
  { name: 'last4', label: 'Card last 4', hint: '4 digits', inputMode: 'numeric' },
  { name: 'approvalCode', label: 'Approval code', hint: 'as printed' },
  { name: 'operatorId', label: 'Operator', hint: 'operator id' },
];

function SearchForm() {
  const { form, formProblems, searching, searchError, setField, clearForm, search, startCredit } = useHistoryStore();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void search();
  };
  return (
    <form className="history-search" onSubmit={submit} noValidate aria-label="Search transactions">
      <div className="history-fields">
        {searchFields.map((field) => {
          const problem = formProblems[field.name];
          return (
            <div key={field.name} className="field" data-invalid={problem ? 'true' : undefined}>
              <label htmlFor={`history-${field.name}`}>{field.label}</label>
              <input
                id={`history-${field.name}`}
                value={form[field.name]}
                autoComplete="off"
                spellCheck={false}
                placeholder={field.hint}
                inputMode={field.inputMode}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `history-${field.name}-error` : undefined}
                onChange={(e) => setField(field.name, e.target.value)}
              />
              {problem && (
                <span id={`history-${field.name}-error`} className="error">
                  {problem}
                </span>
              )}
            </div>
          );
        })}
      </div>
      <div className="actions">
        <button type="submit" disabled={searching}>
          {searching ? 'Searching…' : 'Search'}
        </button>
        <button type="button" className="secondary" onClick={clearForm}>
          Clear
        </button>
        <button type="button" className="secondary" onClick={startCredit}>
          Refund without a sale…
        </button>
      </div>
      {searchError && (
        <p role="alert" className="error">
          Could not search: {plainMessage(searchError.message)}
        </p>
      )}
    </form>
  );
}

/** Up and Down move between the rows' buttons, so the list is walked without the Tab key. */
function moveBetweenRows(event: KeyboardEvent<HTMLTableSectionElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-row]')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  event.preventDefault();
  buttons[Math.max(0, Math.min(buttons.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
}

function Results({ onOpen }: { onOpen(transactionId: string): void }) {
  const { result, open } = useHistoryStore();
  if (!result) return null;
  const { entries, businessDay, more } = result;
  const where = businessDay ? `on business day ${businessDay.date}` : 'on any day';
  return (
    <>
      <p role="status" className="void-count">
        {entries.length === 0 ? `No transactions found ${where}.` : `${entries.length} transaction${entries.length === 1 ? '' : 's'} ${where}${more ? ' (more matched: narrow the search)' : ''}. Up and Down move between them; Enter opens one.`}
      </p>
      {entries.length > 0 && (
        <table className="void-table history-table" aria-label="Transactions found">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">What</th>
              <th scope="col">Card</th>
              <th scope="col" className="void-amount">
                Amount
              </th>
              <th scope="col">Approval</th>
              <th scope="col">Operator</th>
              <th scope="col">Now</th>
            </tr>
          </thead>
          <tbody onKeyDown={moveBetweenRows}>
            {entries.map((entry) => (
              <tr key={entry.transactionId}>
                <td>
                  <button
                    type="button"
                    className="void-link"
                    data-row
                    id={`history-row-${entry.transactionId}`}
                    aria-label={`Open ${kindLabels[entry.kind].toLowerCase()} of ${money(entry.approvedMinor ?? entry.amountMinor, entry)} on ${cardOf(entry)}, ${timeOf(entry.createdAtMs)}`}
                    onClick={() => {
                      onOpen(entry.transactionId);
                      void open(entry.transactionId);
                    }}
                  >
                    {timeOf(entry.createdAtMs)}
                  </button>
                </td>
                <td>{kindLabels[entry.kind]}</td>
                <td>{cardOf(entry)}</td>
                <td className="void-amount">{money(entry.approvedMinor ?? entry.amountMinor, entry)}</td>
                <td>{entry.approvalCode ?? '—'}</td>
                <td>{entry.operatorId}</td>
                <td>{fateOf(entry)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function DetailPanel({ detail, onBack }: { detail: TransactionDetail; onBack(): void }) {
  const { action, busy, error, outcome, copy, reprint, startRefund, setRefundAmount, confirmRefundAmount, startVoidRefund, cancelAction, approve } = useHistoryStore();
  const heading = useRef<HTMLHeadingElement>(null);
  const { entry } = detail;
  useEffect(() => {
    heading.current?.focus();
  }, [entry.transactionId]);
  const isMoneyBack = entry.kind === 'refund' || entry.kind === 'credit';
  const amount = money(entry.approvedMinor ?? entry.amountMinor, entry);

  const summary = (
    <dl className="void-summary">
      <div>
        <dt>Amount</dt>
        <dd className="void-summary-amount">{amount}</dd>
      </div>
      <div>
        <dt>Card</dt>
        <dd>{cardOf(entry)}</dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd>{fateOf(entry)}</dd>
      </div>
      <div>
        <dt>Time</dt>
        <dd>
          {timeOf(entry.createdAtMs)} by {entry.operatorId}
          {entry.managerId ? `, approved by ${entry.managerId}` : ''}
        </dd>
      </div>
      <div>
        <dt>Approval code</dt>
        <dd>{entry.approvalCode ?? '—'}</dd>
      </div>
      <div>
        <dt>Reference</dt>
        <dd>{entry.reference}</dd>
      </div>
    </dl>
  );

  return (
    <section className="history-detail" aria-labelledby="history-detail-title">
      <h2 id="history-detail-title" ref={heading} tabIndex={-1}>
        {kindLabels[entry.kind]} of {amount}
      </h2>
      <OutcomeLine outcome={outcome} />
      {summary}
      {!isMoneyBack && (
        <dl className="tabs-totals history-totals">
          <div>
            <dt>Captured</dt>
            <dd>{money(detail.capturedMinor, entry)}</dd>
          </div>
          <div>
            <dt>Voided</dt>
            <dd>{money(detail.voidedMinor, entry)}</dd>
          </div>
          <div>
            <dt>Refunded</dt>
            <dd>{money(detail.refundedMinor, entry)}</dd>
          </div>
          <div>
            <dt>Left to refund</dt>
            <dd data-testid="history-refundable">{money(detail.refundableMinor, entry)}</dd>
          </div>
        </dl>
      )}
      {detail.followOns.length > 0 && (
        <table className="void-table" aria-label="What happened to it">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">What</th>
              <th scope="col" className="void-amount">
                Amount
              </th>
              <th scope="col">Result</th>
              <th scope="col">Approved by</th>
              <th scope="col">
                <span className="void-sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {detail.followOns.map((step) => (
              <tr key={step.transactionId}>
                <td>{timeOf(step.createdAtMs)}</td>
                <td>{step.kind === 'refund' ? 'Refund' : step.kind === 'void' ? 'Void' : step.kind}</td>
                <td className="void-amount">{money(step.approvedMinor ?? step.amountMinor, entry)}</td>
                <td>{step.voided ? 'Voided' : (statusWords[step.status] ?? step.status)}</td>
                <td>{step.managerId ?? '—'}</td>
                <td className={detail.voidableRefunds.includes(step.transactionId) && !action ? 'actions' : undefined}>
                  {detail.voidableRefunds.includes(step.transactionId) && !action && (
                    <button type="button" className="secondary" onClick={() => startVoidRefund({ transactionId: step.transactionId, amountMinor: step.approvedMinor ?? step.amountMinor })}>
                      Void refund…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {action?.kind === 'refund-amount' && (
        <RefundAmount detail={detail} amountText={action.amountText} onChange={setRefundAmount} onConfirm={confirmRefundAmount} onCancel={cancelAction} problem={error ? plainMessage(error.message) : undefined} />
      )}
      {action?.kind === 'refund-approve' && (
        <ManagerApproval
          key={action.key}
          action={`refund ${money(action.amountMinor, entry)} to ${cardOf(entry)}`}
          submitLabel={`Approve refund of ${money(action.amountMinor, entry)}`}
          busy={busy}
          error={error}
          onApprove={(approval) => void approve(approval)}
          onCancel={cancelAction}
        >
          {detail.voidRefusal === null && action.amountMinor === detail.capturedMinor && detail.refundedMinor === 0 && (
            <p className="void-settled">
              <span aria-hidden="true">ⓘ </span>The batch has not settled: the whole amount is voided instead, so nothing is charged to the card at all.
            </p>
          )}
        </ManagerApproval>
      )}
      {action?.kind === 'void-refund' && (
        <ManagerApproval
          key={action.key}
          action={`void the ${money(action.refund.amountMinor, entry)} ${entry.kind === 'credit' ? 'credit' : 'refund'}`}
          submitLabel={`Approve void of ${money(action.refund.amountMinor, entry)}`}
          busy={busy}
          error={error}
          onApprove={(approval) => void approve(approval)}
          onCancel={cancelAction}
        >
          <p className="muted">The refunded amount becomes refundable again.</p>
        </ManagerApproval>
      )}
      {action && action.kind !== 'refund-amount' && error && !isApprovalProblem(error) && (
        <p role="alert" className="error">
          <span aria-hidden="true">⚠ </span>
          {plainMessage(error.message)}
        </p>
      )}

      {!action && (
        <>
          <ul className="history-notes">
            {!isMoneyBack && detail.refundRefusal && <li>No refund: {plainMessage(detail.refundRefusal)}</li>}
            {!isMoneyBack && detail.refundRefusal === null && detail.voidRefusal === null && <li>The batch has not settled: refunding the whole amount voids it instead.</li>}
          </ul>
          <div className="actions history-actions">
            {!isMoneyBack && detail.refundRefusal === null && (
              <button type="button" onClick={startRefund}>
                Refund…
              </button>
            )}
            {isMoneyBack && detail.voidRefusal === null && (
              <button type="button" onClick={() => startVoidRefund({ transactionId: entry.transactionId, amountMinor: entry.approvedMinor ?? entry.amountMinor })}>
                Void {entry.kind === 'credit' ? 'credit' : 'refund'}…
              </button>
            )}
            {detail.hasReceipt && (
              <button type="button" className="secondary" onClick={() => void reprint()}>
                Reprint receipt
              </button>
            )}
            <button type="button" className="secondary" onClick={onBack} aria-keyshortcuts="Escape">
              Back to results <kbd>Esc</kbd>
            </button>
          </div>
          {error && (
            <p role="alert" className="error">
              {plainMessage(error.message)}
            </p>
          )}
        </>
      )}
      {copy && <Receipt receipt={copy} copy />}
    </section>
  );
}

function RefundAmount({ detail, amountText, onChange, onConfirm, onCancel, problem }: { detail: TransactionDetail; amountText: string; onChange(text: string): void; onConfirm(): void; onCancel(): void; problem?: string | undefined }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.select();
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onCancel();
  };
  return (
    <form className="approval" onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-label="Amount to refund">
      <div className="field" data-invalid={problem ? 'true' : undefined}>
        <label htmlFor="history-refund-amount">Amount to refund (at most {money(detail.refundableMinor, detail.entry)})</label>
        <input id="history-refund-amount" ref={input} inputMode="decimal" autoComplete="off" value={amountText} aria-invalid={problem ? true : undefined} aria-describedby={problem ? 'history-refund-amount-error' : undefined} onChange={(e) => onChange(e.target.value)} />
        {problem && (
          <span id="history-refund-amount-error" className="error">
            {problem}
          </span>
        )}
      </div>
      <div className="actions">
        <button type="submit">Continue</button>
        <button type="button" className="secondary" onClick={onCancel} aria-keyshortcuts="Escape">
          Cancel <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}

/** A refund without the original sale: the amount, the card (reader or keyed), a manager's approval. */
function CreditPanel() {
  const { credit, busy, error, startCredit, setCreditAmount, confirmCreditAmount, creditCard, confirmCreditCard, approveCredit, cancelCredit } = useHistoryStore();
  const currency = useSettingsStore((state) => state.settings?.currency ?? 'USD');
  const amountInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (credit?.kind === 'amount') amountInput.current?.focus();
  }, [credit?.kind]);
  if (!credit) return null;
  const problem = error && !isApprovalProblem(error) ? plainMessage(error.message) : undefined;
  return (
    <section className="history-credit" aria-labelledby="history-credit-title">
      <h2 id="history-credit-title">Refund without the original sale</h2>
      <p className="muted">The money goes to the card presented now, as a credit. A manager approves it.</p>
      {credit.kind === 'amount' && (
        <form
          className="approval"
          noValidate
          aria-label="Amount to refund"
          onSubmit={(event) => {
            event.preventDefault();
            confirmCreditAmount();
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.preventDefault();
            cancelCredit();
          }}
        >
          <div className="field" data-invalid={problem ? 'true' : undefined}>
            <label htmlFor="history-credit-amount">Amount to refund ({currency})</label>
            <input id="history-credit-amount" ref={amountInput} inputMode="decimal" autoComplete="off" value={credit.amountText} aria-invalid={problem ? true : undefined} onChange={(e) => setCreditAmount(e.target.value)} />
          </div>
          <div className="actions">
            <button type="submit">Continue</button>
            <button type="button" className="secondary" onClick={cancelCredit} aria-keyshortcuts="Escape">
              Cancel <kbd>Esc</kbd>
            </button>
          </div>
        </form>
      )}
      {credit.kind === 'card' && (
        <>
          <p className="history-credit-amount">Refund {formatMoney(credit.amountMinor, currency)} to:</p>
          <CardStep card={credit.card} busy={busy} onCard={creditCard} onBack={() => (credit.card ? creditCard(undefined) : startCredit())} onAction={confirmCreditCard} actionLabel="Continue to approval" busyLabel="…" />
        </>
      )}
      {credit.kind === 'approve' && (
        <ManagerApproval
          key={credit.key}
          action={`refund ${formatMoney(credit.amountMinor, currency)} to ${credit.card.brand} ${credit.card.maskedPan} without a sale`}
          submitLabel={`Approve refund of ${formatMoney(credit.amountMinor, currency)}`}
          busy={busy}
          error={error}
          onApprove={(approval) => void approveCredit(approval)}
          onCancel={cancelCredit}
        />
      )}
      {problem && (
        <p role="alert" className="error">
          <span aria-hidden="true">⚠ </span>
          {problem}
        </p>
      )}
    </section>
  );
}
