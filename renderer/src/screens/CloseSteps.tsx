import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CashCount, Reconciliation, ReconciliationDifference, ZReport, ZReportSummary } from '../../../preload/channels/till';
import { parseDecimalAmount, type CurrencyCode } from '../../../preload/currency';
import { BooksView, timeOf } from '../components/DayBooks';
import { ManagerApproval, isApprovalProblem, plainMessage } from '../components/ManagerApproval';
import { CallError } from '../components/PaymentBits';
import { formatMoney } from '../money';
import { useDayStore, type CloseStep } from '../stores/day-store';

const differenceWords: Record<ReconciliationDifference['kind'], string> = {
  'gateway-only': 'Approved at the gateway, not in the journal',
  'journal-only': 'Approved in the journal, not at the gateway',
  amount: 'Amounts differ',
};

/** The till's steps on the Day screen: open with a float; close: count, manager approval, reconciliation, Z report. */
export function CloseSteps({ step }: { step: CloseStep }) {
  const { till, busy, stepError, undone, openTill, counted, approveClose, back } = useDayStore();
  const currency = till?.currency ?? 'USD';
  switch (step.kind) {
    case 'open-till':
      return (
        <CashForm
          title={till?.open?.implicit ? 'Declare the float' : 'Open the till'}
          intro="Count the cash you put in the drawer to start the day: the close expects it back, with the cash taken."
          label="Float in the drawer"
          submitLabel={till?.open?.implicit ? 'Declare the float' : 'Open the till'}
          currency={currency}
          busy={busy}
          error={stepError}
          onSubmit={(minor) => void openTill(minor)}
          onCancel={back}
        />
      );
    case 'count':
      return (
        <CashForm
          title="Close the day: count the cash"
          intro="Count every note and coin in the drawer, the float included. A manager approves the close next; the terminal then checks the day with the gateway."
          label="Cash counted in the drawer"
          submitLabel="Continue to manager approval"
          currency={currency}
          busy={busy}
          error={undefined}
          onSubmit={counted}
          onCancel={back}
        />
      );
    case 'approve':
      return (
        <section className="close-step" aria-label="Manager approval of the close">
          {stepError && !isApprovalProblem(stepError) && <CallError error={stepError} doing="close the day" />}
          <ManagerApproval
            action={step.acceptDifferences ? 'close the day with the differences listed' : 'close the day'}
            submitLabel={step.acceptDifferences ? 'Approve the close with differences' : 'Approve the close'}
            busy={busy}
            error={stepError}
            onApprove={(approval) => void approveClose(approval)}
            onCancel={back}
          >
            <p>
              Cash counted: <strong>{formatMoney(step.countedMinor, currency)}</strong>. Once approved, the terminal checks the session with the gateway's own records; when they agree the Z
              report is made and the next sale starts a new session.
            </p>
            {undone.map((item) => (
              <p key={item.transactionId} role="status">
                {item.result === 'undone' ? '✓ ' : '⚠ '}
                {item.message}
              </p>
            ))}
          </ManagerApproval>
        </section>
      );
    case 'differences':
      return <DifferencesStep step={step} currency={currency} />;
    case 'z':
      return <ZReportStep report={step.report} justClosed={step.justClosed} />;
    case 'z-list':
      return <ZListStep reports={step.reports} />;
  }
}

/** An amount of cash typed as a decimal ("150.00"); zero is a valid float and a valid count. */
function CashForm(props: { title: string; intro: string; label: string; submitLabel: string; currency: CurrencyCode; busy: boolean; error: Parameters<typeof CallError>[0]['error']; onSubmit(minor: number): void; onCancel(): void }) {
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (props.busy) return;
    const parsed = parseDecimalAmount(text === '' ? '0' : text, props.currency);
    if (!parsed.ok) {
      setProblem(`Type the amount as digits, e.g. 150.00: ${parsed.reason}.`);
      input.current?.focus();
      return;
    }
    setProblem(undefined);
    props.onSubmit(parsed.minor);
  };
  return (
    <form className="close-step" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{props.title}</h2>
      <p>{props.intro}</p>
      <CallError error={props.error} doing={props.submitLabel.toLowerCase()} />
      <div className="field" data-invalid={problem ? 'true' : undefined}>
        <label htmlFor={`${id}-amount`}>
          {props.label} ({props.currency})
        </label>
        <input
          id={`${id}-amount`}
          ref={input}
          inputMode="decimal"
          autoComplete="off"
          value={text}
          placeholder="0.00"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      {problem && (
        <p id={`${id}-problem`} role="alert" className="error">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={props.busy}>
          {props.busy ? 'Working…' : props.submitLabel}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel} aria-keyshortcuts="Escape">
          Cancel <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </form>
  );
}

function DifferencesStep({ step, currency }: { step: Extract<CloseStep, { kind: 'differences' }>; currency: CurrencyCode }) {
  const { busy, stepError, undone, chooseUndo, approveUndo, cancelUndo, acceptDifferences, back } = useDayStore();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!step.undo) heading.current?.focus();
  }, [step.undo]);
  const { reconciliation, undo } = step;
  return (
    <section className="close-step" aria-labelledby="close-differences-title">
      <h2 id="close-differences-title" ref={heading} tabIndex={-1}>
        The journal and the gateway disagree: the day is not closed yet
      </h2>
      <ReconciliationSummary reconciliation={reconciliation} />
      <CashFacts cash={step.cash} currency={currency} />
      {undone.map((item) => (
        <p key={item.transactionId} role="status">
          {item.result === 'undone' ? '✓ ' : '⚠ '}
          {item.message}
        </p>
      ))}
      {undo ? (
        <ManagerApproval
          key={undo.key}
          action={`undo ${describe(undo.difference)}`}
          submitLabel="Approve the undo"
          busy={busy}
          error={stepError}
          onApprove={(approval) => void approveUndo(approval)}
          onCancel={cancelUndo}
        >
          <p>The gateway approved this, but the terminal never learned the answer. It is reversed or voided by its transaction id, so the customer is not charged for it.</p>
          {stepError && !isApprovalProblem(stepError) && <CallError error={stepError} doing="undo it" />}
        </ManagerApproval>
      ) : (
        <>
          <DifferencesTable differences={reconciliation.differences} onUndo={chooseUndo} />
          <div className="actions">
            <button type="button" onClick={acceptDifferences}>
              Close with these differences
            </button>
            <button type="button" className="secondary" onClick={back} aria-keyshortcuts="Escape">
              Back to today <kbd aria-hidden="true">Esc</kbd>
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function describe(difference: ReconciliationDifference): string {
  const amount = difference.gatewayMinor ?? difference.journalMinor;
  const money = amount !== null && difference.currency !== null ? formatMoney(amount, difference.currency) : 'an amount';
  return `${difference.attemptKind ?? 'transaction'} of ${money}${difference.maskedPan ? ` on ${difference.maskedPan}` : ''}`;
}

function DifferencesTable({ differences, onUndo }: { differences: ReconciliationDifference[]; onUndo?: (difference: ReconciliationDifference) => void }) {
  return (
    <table className="day-table" aria-label="Differences">
      <caption>Differences ({differences.length})</caption>
      <thead>
        <tr>
          <th scope="col">What</th>
          <th scope="col">Transaction</th>
          <th scope="col">Journal</th>
          <th scope="col">Gateway</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {differences.map((difference, index) => (
          <tr key={`${difference.kind}:${difference.transactionId ?? difference.gatewayId ?? index}`}>
            <th scope="row">{differenceWords[difference.kind]}</th>
            <td>
              {describe(difference)}
              <br />
              <span className="muted">
                {difference.reference ?? ''} {difference.at ? timeOf(difference.at) : ''}
              </span>
            </td>
            <td>{difference.journalMinor !== null && difference.currency !== null ? formatMoney(difference.journalMinor, difference.currency) : '—'}</td>
            <td>{difference.gatewayMinor !== null && difference.currency !== null ? formatMoney(difference.gatewayMinor, difference.currency) : '—'}</td>
            <td>
              {difference.action === 'undo' && onUndo ? (
                <button type="button" onClick={() => onUndo(difference)}>
                  Undo with manager approval
                </button>
              ) : (
                plainMessage(difference.message)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReconciliationSummary({ reconciliation }: { reconciliation: Reconciliation }) {
  const { matched, declinesMatched, undoneMatched, differences, gatewayCount, journalCount } = reconciliation;
  const agreed = `${matched} approved, ${declinesMatched} declined and ${undoneMatched} undone`;
  return (
    <div className="close-reconciliation" data-differences={differences.length > 0 ? 'true' : undefined}>
      <p role="status" className="close-verdict">
        {differences.length === 0
          ? `✓ All matched: ${agreed} agree with the gateway.`
          : `⚠ ${differences.length} ${differences.length === 1 ? 'difference' : 'differences'}; ${agreed} agree with the gateway.`}
      </p>
      <p className="muted">
        Checked {plural(gatewayCount, 'gateway record')} against {plural(journalCount, 'journal payment')}, {timeOf(reconciliation.from)} to {timeOf(reconciliation.to)}.
      </p>
    </div>
  );
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function CashFacts({ cash, currency }: { cash: CashCount; currency: CurrencyCode }) {
  const money = (minor: number) => formatMoney(minor, currency);
  return (
    <dl className="pb-facts close-cash">
      <div>
        <dt>Float</dt>
        <dd>{money(cash.floatMinor)}</dd>
      </div>
      <div>
        <dt>Cash taken</dt>
        <dd>{money(cash.cashTakenMinor)}</dd>
      </div>
      <div>
        <dt>Cash handed back</dt>
        <dd>{money(cash.cashRefundedMinor)}</dd>
      </div>
      <div>
        <dt>Expected in the drawer</dt>
        <dd>{money(cash.expectedMinor)}</dd>
      </div>
      <div>
        <dt>Counted</dt>
        <dd>{money(cash.countedMinor)}</dd>
      </div>
      <div>
        <dt>Variance</dt>
        <dd data-variance={cash.varianceMinor === 0 ? 'none' : cash.varianceMinor < 0 ? 'short' : 'over'}>
          {cash.varianceMinor === 0 ? 'none' : `${money(cash.varianceMinor)} ${cash.varianceMinor < 0 ? 'short' : 'over'}`}
        </dd>
      </div>
    </dl>
  );
}

function ZReportStep({ report, justClosed }: { report: ZReport; justClosed: boolean }) {
  const { stepError, zReportCsv, back } = useDayStore();
  const printButton = useRef<HTMLButtonElement>(null);
  useEffect(() => printButton.current?.focus(), [report.number]);
  const download = async () => {
    const file = await zReportCsv(report.number);
    if (!file) return;
    const url = URL.createObjectURL(new Blob([file.csv], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file.fileName;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      {justClosed && (
        <p role="status" className="close-done">
          ✓ The day is closed as Z report #{report.number}. The next sale starts a new session.
        </p>
      )}
      <article className="day-report pb-printable z-report" aria-label={`Z report number ${report.number}`}>
        <header className="day-head">
          <h2>Z report #{report.number}</h2>
          <p>
            {report.storeName}, terminal {report.terminalId}
          </p>
          <p className="muted">
            Opened {timeOf(report.openedAt)} by {report.openedBy}
            {report.implicitOpen ? ' (by the first payment, with no float)' : ''}; closed {timeOf(report.closedAt)} by {report.closedBy}, approved by {report.approvedBy}.
          </p>
        </header>
        <BooksView books={report.books} empty="Net takings: nothing taken in this session." />
        <section className="day-section" aria-labelledby="z-cash-title">
          <h3 id="z-cash-title">Cash count</h3>
          <CashFacts cash={report.cash} currency={report.currency} />
        </section>
        <section className="day-section" aria-labelledby="z-reconciliation-title">
          <h3 id="z-reconciliation-title">Reconciliation with the gateway</h3>
          <ReconciliationSummary reconciliation={report.reconciliation} />
          {report.reconciliation.differences.length > 0 && <DifferencesTable differences={report.reconciliation.differences} />}
        </section>
      </article>
      <CallError error={stepError} doing="export the Z report" />
      <div className="actions day-actions">
        <button ref={printButton} type="button" onClick={() => window.print()}>
          Print Z report #{report.number}
        </button>
        <button type="button" className="secondary" onClick={() => void download()}>
          Download as CSV
        </button>
        <button type="button" className="secondary" onClick={back} aria-keyshortcuts="Escape">
          Back to today <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </>
  );
}

function ZListStep({ reports }: { reports: ZReportSummary[] }) {
  const { stepError, showZReport, back } = useDayStore();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <section className="close-step" aria-labelledby="z-list-title">
      <h2 id="z-list-title">Past Z reports</h2>
      <CallError error={stepError} doing="open the Z report" />
      {reports.length === 0 ? (
        <p>No Z reports yet: the first close of the day makes Z report #1.</p>
      ) : (
        <table className="day-table" aria-label="Past Z reports">
          <thead>
            <tr>
              <th scope="col">Z</th>
              <th scope="col">Session</th>
              <th scope="col">Net</th>
              <th scope="col">Cash variance</th>
              <th scope="col">Differences</th>
              <th scope="col">Open</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((report, index) => (
              <tr key={report.number}>
                <th scope="row">#{report.number}</th>
                <td>
                  {timeOf(report.openedAt)} – {timeOf(report.closedAt)}
                </td>
                <td>{formatMoney(report.netMinor, report.currency)}</td>
                <td>{formatMoney(report.varianceMinor, report.currency)}</td>
                <td>{report.differences}</td>
                <td>
                  <button ref={index === 0 ? first : undefined} type="button" onClick={() => void showZReport(report.number)}>
                    Open Z #{report.number}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button type="button" className="secondary" onClick={back} aria-keyshortcuts="Escape">
          Back to today <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </section>
  );
}
