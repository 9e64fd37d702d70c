/**
 * Everything that can go wrong between the port and a card event, each with a code the UI can
 * branch on and a message a cashier can read. Messages never carry card data.
 */
export type ReaderProblemCode =
  | 'port-open-failed'
  | 'port-lost'
  | 'non-ascii'
  | 'line-noise'
  | 'oversized-message'
  | 'incomplete-message'
  | 'truncated-track'
  | 'malformed-track'
  | 'unreadable-track'
  | 'bad-track-lrc'
  | 'track-mismatch'
  | 'bad-luhn'
  | 'expired-card'
  | 'bad-frame-lrc'
  | 'malformed-message'
  | 'bad-emv-data'
  | 'no-acknowledgement'
  | 'reader-reported'
  | 'invalid-keyed-card';

export interface ReaderProblem {
  code: ReaderProblemCode;
  message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: ReaderProblem };

export function problem(code: ReaderProblemCode, message: string): { ok: false; problem: ReaderProblem } {
  return { ok: false, problem: { code, message } };
}

export function success<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}
