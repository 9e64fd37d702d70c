/**
 * Domain errors that cross the IPC boundary as typed results.
 *
 * Services throw these; the dispatcher turns them into `{ ok: false, error }` for the caller.
 * Anything else thrown is a bug: logged in main, reported to the caller as INTERNAL.
 */
import type { z } from 'zod';
import type { ErrorCode, FieldProblem, PosError } from '../preload/contract';

export class TerminalError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldProblem[],
  ) {
    super(message);
    this.name = 'TerminalError';
  }

  toPosError(): PosError {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

/** Names each offending field and says why, e.g. "terminalId: must be 1 to 8 letters or digits". */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : unrecognizedKeyField(issue) ?? '(arguments)',
    message: issue.message,
  }));
}

function unrecognizedKeyField(issue: z.core.$ZodIssue): string | undefined {
  return issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : undefined;
}

export function invalidArgument(error: z.ZodError): TerminalError {
  const fields = fieldProblems(error);
  return new TerminalError('INVALID_ARGUMENT', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
}
