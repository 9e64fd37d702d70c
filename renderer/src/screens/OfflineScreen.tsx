import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { OfflineSale } from '../../../preload/channels/offline';
import { ManagerApproval } from '../components/ManagerApproval';
import { CallError, useEscape, useFocusOn } from '../components/PaymentBits';
import { ScreenFrame } from '../components/ScreenFrame';
import { formatMoney } from '../money';
import { useOfflineStore } from '../stores/offline-store';
import { overdueWords, useOfflineQueueStore, type Resolution } from '../stores/offline-queue-store';

const timeOf = (iso: string) => new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const money = (sale: OfflineSale) => formatMoney(sale.amountMinor, sale.currency);
const gatewayWords = { online: 'Online', degraded: 'Not answering (checking)', offline: 'Offline' } as const;

/** The offline queue (manager): sales waiting to be forwarded, and the declines that came back. */
export function OfflineScreen() {
  const { queue, exceptions, loading, loadError, load, resolving, cancel, resolved } = useOfflineQueueStore();
  const status = useOfflineStore((state) => state.status);
  // Every change main reports (a sale queued, forwarded, declined, resolved) reloads the lists.
  useEffect(() => {
    void load();
  }, [load, status]);
  useEscape(cancel);

  return (
    <ScreenFrame title="Offline queue">
      {status && (
        <p className="oq-gateway" role="status" aria-label="Gateway reachability">
          Gateway: <strong>{gatewayWords[status.gateway]}</strong>
          {status.problem && <span className="muted"> — {status.problem}</span>}
        </p>
      )}
      {loadError && <CallError error={loadError} doing="load the offline queue" />}
      {!queue && !loadError && <p role="status">Loading the offline queue…</p>}
      {resolved && (
        <p role="status" className="oq-resolved">
          ✓ {money(resolved)} on {resolved.maskedPan} marked {resolved.state === 'written-off' ? 'written off' : 'collected another way'}.
        </p>
      )}
      {queue && <QueueTable queue={queue} loading={loading} />}
      {exceptions && <ExceptionsTable exceptions={exceptions} resolving={resolving} />}
    </ScreenFrame>
  );
}

function QueueTable({ queue, loading }: { queue: OfflineSale[]; loading: boolean }) {
  return (
    <section className="oq-section" aria-labelledby="oq-queue-title" aria-busy={loading}>
      <h2 id="oq-queue-title">Waiting to be forwarded ({queue.length})</h2>
      {queue.length === 0 ? (
        <p className="oq-empty">No offline sales are waiting to be forwarded.</p>
      ) : (
        <table className="oq-table" aria-labelledby="oq-queue-title">
          <thead>
            <tr>
              <th scope="col">Amount</th>
              <th scope="col">Card</th>
              <th scope="col">Approved offline</th>
              <th scope="col">Operator</th>
              <th scope="col">Tries</th>
              <th scope="col">Next try</th>
              <th scope="col">Attention</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((sale) => {
              const overdue = overdueWords(sale);
              return (
                <tr key={sale.id} data-flagged={sale.flagged ? 'true' : undefined}>
                  <td className="oq-amount">{money(sale)}</td>
                  <td>
                    {sale.brand} {sale.maskedPan}
                  </td>
                  <td>{timeOf(sale.approvedOfflineAt)}</td>
                  <td>{sale.operatorId}</td>
                  <td>{sale.tries}</td>
                  <td>{sale.nextTryAt ? timeOf(sale.nextTryAt) : '—'}</td>
                  <td>
                    {overdue ? <strong className="oq-overdue">⚠ {overdue}</strong> : 'On time'}
                    {sale.lastError && <div className="muted">Last try: {sale.lastError}</div>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ExceptionsTable({ exceptions, resolving }: { exceptions: OfflineSale[]; resolving?: Resolution | undefined }) {
  const start = useOfflineQueueStore((state) => state.start);
  return (
    <section className="oq-section" aria-labelledby="oq-exceptions-title">
      <h2 id="oq-exceptions-title">Declined after forwarding ({exceptions.length})</h2>
      {exceptions.length === 0 ? (
        <p className="oq-empty">No declines are waiting for a manager.</p>
      ) : (
        <table className="oq-table" aria-labelledby="oq-exceptions-title">
          <thead>
            <tr>
              <th scope="col">Amount</th>
              <th scope="col">Card</th>
              <th scope="col">Approved offline</th>
              <th scope="col">Declined because</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {exceptions.map((sale) => (
              <tr key={sale.id}>
                <td className="oq-amount">{money(sale)}</td>
                <td>
                  {sale.brand} {sale.maskedPan}
                </td>
                <td>{timeOf(sale.approvedOfflineAt)}</td>
                <td>✕ {sale.declineMessage ?? sale.declineReason ?? 'declined'}</td>
                <td className="actions">
                  <button type="button" className="secondary" onClick={() => start({ id: sale.id, action: 'collected' })} aria-label={`Collected another way: ${money(sale)} on ${sale.maskedPan}`}>
                    Collected another way
                  </button>
                  <button type="button" className="secondary" onClick={() => start({ id: sale.id, action: 'written-off' })} aria-label={`Write off ${money(sale)} on ${sale.maskedPan}`}>
                    Write off
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {resolving && <ResolvePanel key={`${resolving.action}:${resolving.id}`} resolving={resolving} sale={exceptions.find((sale) => sale.id === resolving.id)} />}
    </section>
  );
}

function ResolvePanel({ resolving, sale }: { resolving: Resolution; sale: OfflineSale | undefined }) {
  const { busy, error, resolve, cancel } = useOfflineQueueStore();
  const [note, setNote] = useState('');
  const noteInput = useRef<HTMLInputElement>(null);
  useFocusOn(noteInput, resolving);
  if (!sale) return null;
  const noteField = (
    <div className="field">
      <label htmlFor="oq-note">Note (optional): how it was paid, or why it is written off</label>
      <input id="oq-note" ref={noteInput} value={note} maxLength={200} autoComplete="off" onChange={(e) => setNote(e.target.value)} />
    </div>
  );
  if (resolving.action === 'written-off') {
    return (
      <div className="oq-resolve" role="region" aria-label="Write off">
        <ManagerApproval action={`write off ${money(sale)} on ${sale.maskedPan}`} submitLabel={`Approve write-off of ${money(sale)}`} busy={busy} error={error} onApprove={(approval) => void resolve(note, approval)} onCancel={cancel}>
          {noteField}
          <CallError error={error && error.code !== 'FORBIDDEN' && error.code !== 'LOCKED_OUT' ? error : undefined} doing="write it off" />
        </ManagerApproval>
      </div>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void resolve(note);
  };
  return (
    <form className="oq-resolve" onSubmit={submit} aria-label="Collected another way" aria-busy={busy}>
      <h3>
        Collected another way: {money(sale)} on {sale.maskedPan}
      </h3>
      {noteField}
      <CallError error={error} doing="mark it collected" />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Mark collected'}
        </button>
        <button type="button" className="secondary" onClick={cancel} disabled={busy} aria-keyshortcuts="Escape">
          Cancel <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </form>
  );
}
