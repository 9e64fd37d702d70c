import { useAppStore } from '../stores/app-store';
import { useConnectionStore } from '../stores/connection-store';

const noProblems: readonly string[] = [];

/** Problems the operator must know about now: a lost connection, settings reset at start. */
export function Notices() {
  const connected = useConnectionStore((state) => state.connected);
  const problems = useAppStore((state) => state.info?.settingsProblems ?? noProblems);
  const dismissed = useAppStore((state) => state.problemsDismissed);
  const dismiss = useAppStore((state) => state.dismissProblems);
  return (
    <>
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
