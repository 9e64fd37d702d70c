/** An attempt row as stored (snake_case, ids not names), for the journal's own rules. */
import type { JournalContext } from './journal-context';
import type { AttemptKind, AttemptStatus } from './records';

export interface StoredAttempt {
  id: number;
  transaction_id: string;
  kind: AttemptKind;
  order_id: string | null;
  tab_id: string | null;
  session_id: string | null;
  parent_id: number | null;
  currency: string;
  amount_minor: number;
  approved_minor: number | null;
  status: AttemptStatus;
  masked_pan: string | null;
  card_brand: string | null;
  entry_mode: string | null;
  card_fingerprint: string | null;
  gateway_id: string | null;
}

const storedColumns = `id, transaction_id, kind, order_id, tab_id, session_id, parent_id, currency, amount_minor, approved_minor, status,
  masked_pan, card_brand, entry_mode, card_fingerprint, gateway_id`;

export function storedAttempt(ctx: JournalContext, transactionId: string): StoredAttempt | undefined {
  return ctx.one<StoredAttempt>(`SELECT ${storedColumns} FROM attempts WHERE transaction_id = ?`, transactionId);
}

export function storedAttemptById(ctx: JournalContext, id: number): StoredAttempt | undefined {
  return ctx.one<StoredAttempt>(`SELECT ${storedColumns} FROM attempts WHERE id = ?`, id);
}

export const isSettledOk = (status: AttemptStatus): boolean => status === 'approved' || status === 'partially-approved';
export const isUnresolved = (status: AttemptStatus): boolean => status === 'pending' || status === 'unknown';
/** Kinds that start an order or a tender: the first money asked of a card. */
export const primaryKinds: ReadonlySet<AttemptKind> = new Set<AttemptKind>(['sale', 'authorize', 'forced-capture', 'credit', 'verify']);
