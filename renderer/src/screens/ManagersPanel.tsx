import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fieldProblem, isApprovalProblem, ManagerApproval, plainMessage, type Approval } from '../components/ManagerApproval';
import { lockoutOf, useManagersStore } from '../stores/managers-store';

type Draft = { managerId: string; pin: string; repeat: string };
const empty: Draft = { managerId: '', pin: '', repeat: '' };

/**
 * Managers who can approve voids, refunds and late charges. The first one is created without
 * approval (nobody could give it); after that an existing manager approves each addition or PIN change.
 */
export function ManagersPanel() {
  const { managers, loadedAtMs, loading, loadError, saving, error, saved, load, setPin, clearMessages } = useManagersStore();
  const [draft, setDraft] = useState<Draft>(empty);
  const [mismatch, setMismatch] = useState<string>();
  const [approving, setApproving] = useState(false);
  const idInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const first = managers !== undefined && managers.length === 0;
  const save = async (approval?: Approval) => {
    const ok = await setPin({ managerId: draft.managerId, pin: draft.pin, ...(approval ? { approval } : {}) });
    if (ok) {
      setDraft(empty);
      setApproving(false);
      idInput.current?.focus();
      return;
    }
    // A wrong approving PIN keeps the prompt open; anything else is about the new manager's fields.
    if (!isApprovalProblem(useManagersStore.getState().error)) {
      setApproving(false);
      setDraft((current) => ({ ...current, pin: '', repeat: '' }));
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.pin !== draft.repeat) {
      setMismatch('The two PINs are not the same; type the new PIN again.');
      setDraft({ ...draft, pin: '', repeat: '' });
      return;
    }
    setMismatch(undefined);
    clearMessages();
    if (first) void save();
    else setApproving(true);
  };
  const cancelApproval = () => {
    setApproving(false);
    clearMessages();
    idInput.current?.focus();
  };

  const fieldError = (field: string) => (isApprovalProblem(error) ? undefined : fieldProblem(error, field));
  const pinError = mismatch ?? fieldError('pin');
  const otherError = error && !isApprovalProblem(error) && !error.fields?.some((f) => f.field === 'managerId' || f.field === 'pin') ? plainMessage(error.message) : undefined;
  const approvalRequired = error?.code === 'FORBIDDEN' && error.fields?.some((f) => f.field === 'approval') && !approving;

  return (
    <section className="panel managers-panel" aria-labelledby="managers-title">
      <h2 id="managers-title">Managers</h2>
      <p className="muted">Managers approve voids, refunds and late charges with their own PIN, one action at a time.</p>
      {loadError && <p role="alert" className="error">Could not load the managers: {loadError}</p>}
      {loading && !managers && <p role="status">Loading managers…</p>}
      {managers && managers.length > 0 && (
        <table className="managers-table" aria-label="Managers">
          <thead>
            <tr>
              <th scope="col">Manager id</th>
              <th scope="col">Can approve?</th>
            </tr>
          </thead>
          <tbody>
            {managers.map((manager) => {
              const lockout = lockoutOf(manager, loadedAtMs ?? 0);
              return (
                <tr key={manager.managerId}>
                  <td>{manager.managerId}</td>
                  <td className={lockout.locked ? 'managers-locked' : undefined}>
                    {lockout.locked ? `⛔ Locked out until ${new Date(lockout.untilMs).toLocaleTimeString()} (wrong PINs)` : '✓ Yes'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {first && <p>No manager yet. Create the first one: it needs no approval. Every later manager or PIN change needs a manager's approval.</p>}

      <form className="form" onSubmit={submit} noValidate aria-label={first ? 'Create the first manager' : 'Add a manager or change a PIN'}>
        <div className="field" data-invalid={fieldError('managerId') ? 'true' : undefined}>
          <label htmlFor="new-manager-id">Manager id</label>
          <input
            id="new-manager-id"
            ref={idInput}
            value={draft.managerId}
            autoComplete="off"
            spellCheck={false}
            maxLength={32}
            disabled={approving}
            aria-invalid={fieldError('managerId') ? true : undefined}
            aria-describedby={fieldError('managerId') ? 'new-manager-id-error' : undefined}
            onChange={(e) => setDraft({ ...draft, managerId: e.target.value })}
          />
          {fieldError('managerId') && (
            <span id="new-manager-id-error" className="error">
              {fieldError('managerId')}
            </span>
          )}
        </div>
        <div className="field" data-invalid={pinError ? 'true' : undefined}>
          <label htmlFor="new-manager-pin">New PIN (4 to 8 digits)</label>
          <input
            id="new-manager-pin"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            maxLength={8}
            value={draft.pin}
            disabled={approving}
            aria-invalid={pinError ? true : undefined}
            aria-describedby={pinError ? 'new-manager-pin-error' : undefined}
            onChange={(e) => setDraft({ ...draft, pin: e.target.value.replace(/\D/g, '') })}
          />
          {pinError && (
            <span id="new-manager-pin-error" className="error">
              {pinError}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor="new-manager-repeat">Repeat the new PIN</label>
          <input
            id="new-manager-repeat"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            maxLength={8}
            value={draft.repeat}
            disabled={approving}
            onChange={(e) => setDraft({ ...draft, repeat: e.target.value.replace(/\D/g, '') })}
          />
        </div>
        {!approving && (
          <div className="actions">
            <button type="submit" disabled={saving || !managers}>
              {saving ? 'Saving…' : first ? 'Create first manager' : 'Save manager'}
            </button>
          </div>
        )}
      </form>
      {approving && (
        <ManagerApproval
          action={`save manager ${draft.managerId.trim() || '(no id)'}`}
          submitLabel="Approve and save manager"
          busy={saving}
          error={error}
          onApprove={(approval) => void save(approval)}
          onCancel={cancelApproval}
        />
      )}
      <p role="status" className="form-status">
        {saved}
      </p>
      {(otherError || approvalRequired) && (
        <p role="alert" className="error">
          Not saved: {otherError ?? 'an existing manager must approve.'}
        </p>
      )}
    </section>
  );
}
