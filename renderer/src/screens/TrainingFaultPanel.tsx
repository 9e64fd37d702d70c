import { useState, type FormEvent } from 'react';
import type { SandboxFault } from '../../../preload/contract';
import { pos } from '../pos';

const kinds = [
  { kind: 'none', label: 'None: the sandbox answers normally' },
  { kind: 'latency', label: 'Slow: answer after a delay' },
  { kind: 'hang', label: 'Hang: never answer' },
  { kind: 'drop', label: 'Drop the connection after the request' },
  { kind: 'error', label: 'Server error (HTTP 502)' },
  { kind: 'refuse', label: 'Gateway down: refuse connections' },
] as const;

/** Training mode only: make the embedded sandbox misbehave to practise outages. */
export function TrainingFaultPanel() {
  const [kind, setKind] = useState<SandboxFault['kind']>('none');
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();

  const apply = async (event: FormEvent) => {
    event.preventDefault();
    const fault: SandboxFault = kind === 'latency' ? { kind, ms: 3_000 } : kind === 'error' ? { kind, status: 502 } : { kind };
    const result = await pos.sandbox.fault(fault);
    setError(result.ok ? undefined : result.error.message);
    setStatus(result.ok ? `Sandbox fault in effect: ${kinds.find((entry) => entry.kind === kind)?.label}` : undefined);
  };

  return (
    <section className="panel" aria-labelledby="training-fault-title">
      <h2 id="training-fault-title">Training: sandbox faults</h2>
      <form className="form" onSubmit={apply} aria-label="Sandbox fault">
        <div className="field">
          <label htmlFor="sandbox-fault">Sandbox behaviour</label>
          <select id="sandbox-fault" value={kind} onChange={(e) => setKind(e.target.value as SandboxFault['kind'])}>
            {kinds.map((entry) => (
              <option key={entry.kind} value={entry.kind}>
                {entry.label}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit">Apply fault</button>
        </div>
        <p role="status">{status}</p>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
