import { useEffect, useState, type FormEvent } from 'react';
import { credentialNames, type Environment } from '../../../preload/contract';
import { useCredentialsStore } from '../stores/credentials-store';

const labels = { merchantId: 'Merchant id', keyId: 'Key id', sharedSecret: 'Shared secret' } as const;
type Typed = Record<(typeof credentialNames)[number], string>;
const empty: Typed = { merchantId: '', keyId: '', sharedSecret: '' };

/**
 * Write-only credential fields: a stored value is never shown back, only "stored" or "not set".
 * Typed values leave the fields as soon as they are saved.
 */
export function CredentialsPanel({ environment }: { environment: Environment }) {
  const { status, busy, error, check, load, save, clear, test } = useCredentialsStore();
  const [typed, setTyped] = useState<Typed>(empty);

  useEffect(() => {
    void load(environment);
  }, [environment, load]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const update = Object.fromEntries(credentialNames.filter((name) => typed[name] !== '').map((name) => [name, typed[name]]));
    if (await save({ environment, ...update })) setTyped(empty);
  };
  const fieldError = (name: string) => error?.fields?.find((problem) => problem.field === name)?.message;

  if (environment === 'sandbox') {
    return (
      <section className="panel" aria-labelledby="credentials-title">
        <h2 id="credentials-title">Gateway credentials</h2>
        <p>Training mode uses the embedded sandbox gateway and its demo credentials; nothing to set.</p>
        <ConnectionTest busy={busy} onTest={test} check={check} error={error?.message} />
      </section>
    );
  }

  return (
    <section className="panel" aria-labelledby="credentials-title">
      <h2 id="credentials-title">Gateway credentials ({environment})</h2>
      <p className="muted">Stored in the operating system's keychain. Saved values are never shown again; type a value to replace it.</p>
      <form className="form" onSubmit={submit} noValidate aria-label="Gateway credentials">
        {credentialNames.map((name) => (
          <div className="field" key={name} data-invalid={fieldError(name) ? 'true' : undefined}>
            <label htmlFor={`credential-${name}`}>
              {labels[name]} <span className="muted">({status?.[name] ? 'stored' : 'not set'})</span>
            </label>
            <input
              id={`credential-${name}`}
              type={name === 'sharedSecret' ? 'password' : 'text'}
              autoComplete="off"
              spellCheck={false}
              value={typed[name]}
              aria-invalid={fieldError(name) ? true : undefined}
              aria-describedby={fieldError(name) ? `credential-${name}-error` : undefined}
              onChange={(e) => setTyped({ ...typed, [name]: e.target.value })}
            />
            {fieldError(name) && (
              <span id={`credential-${name}-error`} className="error">
                {fieldError(name)}
              </span>
            )}
          </div>
        ))}
        <div className="actions">
          <button type="submit" disabled={busy}>
            Save credentials
          </button>
          <button type="button" className="secondary" disabled={busy} onClick={() => void clear(environment)}>
            Clear credentials
          </button>
        </div>
      </form>
      <ConnectionTest busy={busy} onTest={test} check={check} error={error?.fields ? undefined : error?.message} />
    </section>
  );
}

function ConnectionTest({ busy, onTest, check, error }: { busy: boolean; onTest(): Promise<void>; check?: { verdict: string; message: string; latencyMs: number }; error?: string }) {
  return (
    <div className="connection-test">
      <div className="actions">
        <button type="button" className="secondary" disabled={busy} onClick={() => void onTest()}>
          {busy ? 'Working…' : 'Test connection'}
        </button>
      </div>
      <p role="status">
        {check && `${check.verdict === 'connected' ? 'Connected' : check.verdict === 'rejected' ? 'Credentials refused' : 'Gateway unreachable'}: ${check.message} (${Math.round(check.latencyMs)} ms)`}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
