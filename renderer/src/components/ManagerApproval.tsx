import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { PosError } from '../../../preload/contract';

export interface Approval {
  managerId: string;
  pin: string;
}

/** The refusal's words for the operator: without the rule prefix main puts first, times in local time. */
export function plainMessage(message: string): string {
  return message
    .replace(/^[A-Z_]+: /, '')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }));
}

/** A field's problem in a refusal (`fields[].field`, e.g. `approval.pin` or `amountMinor`), in plain words. */
export function fieldProblem(error: PosError | undefined, ...fields: string[]): string | undefined {
  const found = error?.fields?.find((problem) => fields.includes(problem.field));
  return found && plainMessage(found.message);
}

/** Whether a refusal is about the approval itself (wrong PIN, lockout, a malformed id or PIN) rather than the action. */
export function isApprovalProblem(error: PosError | undefined): boolean {
  if (!error) return false;
  if (error.code === 'FORBIDDEN' || error.code === 'LOCKED_OUT') return true;
  return error.code === 'INVALID_ARGUMENT' && (error.fields ?? []).some((problem) => problem.field.startsWith('approval'));
}

interface Props {
  /** What is being approved, e.g. "Void $12.34 on •••• 1111". */
  action: string;
  /** The button's words, e.g. "Approve void". */
  submitLabel: string;
  busy: boolean;
  /** The last refusal of this action; shown here when it is about the approval. */
  error?: PosError | undefined;
  /** Prefills the manager id (e.g. the last manager who approved). */
  managerId?: string;
  onApprove(approval: Approval): void;
  onCancel(): void;
  /** The confirmation shown above the fields (amount, card, options). */
  children?: ReactNode;
}

/**
 * A manager's id and PIN for exactly one action: nothing stays unlocked. The PIN field is cleared
 * after every attempt; a wrong PIN or a lockout is said in words next to the field it is about.
 * Escape cancels.
 */
export function ManagerApproval({ action, submitLabel, busy, error, managerId: initialManager = '', onApprove, onCancel, children }: Props) {
  const id = useId();
  const [managerId, setManagerId] = useState(initialManager);
  const [pin, setPin] = useState('');
  const managerInput = useRef<HTMLInputElement>(null);
  const pinInput = useRef<HTMLInputElement>(null);
  const approvalError = isApprovalProblem(error) ? error : undefined;
  const lockedOut = approvalError?.code === 'LOCKED_OUT';
  const managerProblem = lockedOut ? plainMessage(approvalError.message) : fieldProblem(approvalError, 'approval.managerId');
  const pinProblem = approvalError?.code === 'FORBIDDEN' ? plainMessage(approvalError.message) : fieldProblem(approvalError, 'approval.pin', 'approval');

  useEffect(() => {
    (initialManager ? pinInput : managerInput).current?.focus();
  }, [initialManager]);
  useEffect(() => {
    if (!approvalError || busy) return;
    (lockedOut || (managerProblem && !pinProblem) ? managerInput : pinInput).current?.focus();
  }, [approvalError, busy, lockedOut, managerProblem, pinProblem]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    onApprove({ managerId: managerId.trim(), pin });
    setPin('');
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onCancel();
  };

  return (
    <form className="approval" onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-labelledby={`${id}-title`} aria-busy={busy}>
      <h3 id={`${id}-title`} className="approval-title">
        Manager approval: {action}
      </h3>
      {children}
      <p className="muted approval-hint">A manager types their id and PIN for this one action. Nothing stays unlocked afterwards.</p>
      <div className="approval-fields">
        <div className="field" data-invalid={managerProblem ? 'true' : undefined}>
          <label htmlFor={`${id}-manager`}>Manager id</label>
          <input
            id={`${id}-manager`}
            ref={managerInput}
            value={managerId}
            autoComplete="off"
            spellCheck={false}
            maxLength={32}
            aria-invalid={managerProblem ? true : undefined}
            aria-describedby={managerProblem ? `${id}-manager-error` : undefined}
            onChange={(e) => setManagerId(e.target.value)}
          />
        </div>
        <div className="field" data-invalid={pinProblem ? 'true' : undefined}>
          <label htmlFor={`${id}-pin`}>Manager PIN</label>
          <input
            id={`${id}-pin`}
            ref={pinInput}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={pin}
            aria-invalid={pinProblem ? true : undefined}
            aria-describedby={pinProblem ? `${id}-pin-error` : undefined}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          />
        </div>
      </div>
      {managerProblem && (
        <p id={`${id}-manager-error`} role="alert" className="error approval-error">
          <span aria-hidden="true">⛔ </span>
          {lockedOut ? `Locked out: ${managerProblem}. Another manager can approve.` : `Manager id ${managerProblem}`}
        </p>
      )}
      {pinProblem && !lockedOut && (
        <p id={`${id}-pin-error`} role="alert" className="error approval-error">
          <span aria-hidden="true">⚠ </span>Not approved: {pinProblem}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : submitLabel}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy} aria-keyshortcuts="Escape">
          Cancel <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </form>
  );
}
