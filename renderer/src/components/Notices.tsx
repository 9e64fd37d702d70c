import { useEffect } from 'react';
import { formatMinorUnits } from '../../../preload/currency';
import { useAppStore } from '../stores/app-store';
import { useOfflineStore } from '../stores/offline-store';
import { describeRecoveryItem, useRecoveryStore } from '../stores/recovery-store';
import { useConnectionStore } from '../stores/connection-store';

const noProblems: readonly string[] = [];

/** Problems the operator must know about now: a lost connection, settings reset at start. */
export function Notices() {
  const connected = useConnectionStore((state) => state.connected);
  const problems = useAppStore((state) => state.info?.settingsProblems ?? noProblems);
  const dismissed = useAppStore((state) => state.problemsDismissed);
  const dismiss = useAppStore((state) => state.dismissProblems);
  const offline = useOfflineStore((state) => state.status);
  const loadOffline = useOfflineStore((state) => state.load);
  useEffect(() => {
    void loadOffline();
  }, [loadOffline]);
  const recovery = useRecoveryStore((state) => state.report);
  const recoveryDismissed = useRecoveryStore((state) => state.dismissed);
  const loadRecovery = useRecoveryStore((state) => state.load);
  const dismissRecovery = useRecoveryStore((state) => state.dismiss);
  useEffect(() => {
    void loadRecovery();
  }, [loadRecovery]);
  return (
    <>
      {recovery && recovery.items.length > 0 && !recoveryDismissed && (
        <div className={`notice ${recovery.state === 'finished' ? 'notice-warning' : 'notice-error'}`} role="alert" aria-label="Recovered payments">
          <p>
            {recovery.state === 'finished'
              ? 'Payments left without an answer when Counter last stopped were resolved before new work:'
              : 'Payments left without an answer when Counter last stopped are still being resolved; new payments wait:'}
          </p>
          <ul>
            {recovery.items.map((item) => (
              <li key={item.transactionId}>{describeRecoveryItem(item)}</li>
            ))}
          </ul>
          <button type="button" onClick={dismissRecovery}>
            Dismiss recovery notice
          </button>
        </div>
      )}
      {offline && (offline.gateway !== 'online' || offline.queuedCount > 0) && (
        <div className="notice notice-warning" role="status" aria-label="Gateway status">
          <strong>{offline.gateway === 'online' ? 'Gateway back online: forwarding offline sales.' : offline.gateway === 'degraded' ? 'Gateway not answering: checking…' : 'Gateway offline: card-present sales within the limits are approved offline.'}</strong>{' '}
          {offline.queuedCount} {offline.queuedCount === 1 ? 'sale' : 'sales'} waiting to be forwarded ({formatMinorUnits(offline.queuedMinor, offline.currency)} {offline.currency})
          {offline.flaggedCount > 0 && `, ${offline.flaggedCount} overdue`}
          {offline.exceptionCount > 0 && `; ${offline.exceptionCount} declined after forwarding need a manager`}.
        </div>
      )}
      {!connected && (
        <div className="notice notice-error" role="alert">
          The connection to the terminal was lost. Reload the page to reconnect.
        </div>
      )}
      {problems.length > 0 && !dismissed && (
        <div className="notice notice-warning" role="alert">
          <p>Some settings on disk were invalid and were reset to their defaults:</p>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
          <button type="button" onClick={dismiss}>
            Dismiss settings notice
          </button>
        </div>
      )}
    </>
  );
}
