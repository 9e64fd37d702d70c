/**
 * Errors the journal throws when a write would break one of its rules.
 *
 * Each names the rule, so the payment flows can turn it into a typed error for the operator; the
 * journal is unchanged after any of them (every write is one transaction).
 */
export type JournalErrorCode =
  /** No order, tab, session or attempt by that id. */
  | 'NOT_FOUND'
  /** The action does not fit the current state (settling a settled attempt, a charge on a checked-out tab). */
  | 'WRONG_STATE'
  /** An id or transactionId that is already taken, or a second void of the same capture. */
  | 'DUPLICATE'
  /** More than the rule allows: a tender over the balance due, a refund over what was captured. */
  | 'OVER_LIMIT'
  /** A value of the wrong shape: negative or fractional amount, empty id, unknown kind. */
  | 'INVALID_VALUE'
  /** Something that looks like a full card number where only a masked card may go. */
  | 'CARD_DATA'
  /** An idempotency key whose first call never finished (the process died): its result is unknown. */
  | 'IDEMPOTENCY_IN_DOUBT'
  /** The file was written by a newer Counter than this one. */
  | 'SCHEMA_TOO_NEW';

export class JournalError extends Error {
  constructor(
    readonly code: JournalErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'JournalError';
  }
}

/** SQLite's constraint errors, re-thrown as the journal's own so callers see one error type. */
export function journalErrorFrom(error: unknown, what: string): unknown {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return error;
  switch (error.code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
      return new JournalError('DUPLICATE', `${what}: already recorded (${error.message})`);
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return new JournalError('NOT_FOUND', `${what}: refers to a row that does not exist`);
    case 'SQLITE_CONSTRAINT_CHECK':
    case 'SQLITE_CONSTRAINT_NOTNULL':
    case 'SQLITE_CONSTRAINT_DATATYPE':
      return new JournalError('INVALID_VALUE', `${what}: ${error.message}`);
    default:
      return error;
  }
}
