/**
 * Transaction Search queries, built here so nobody concatenates them by hand: the gateway's query
 * language is `field:value` clauses joined with `AND` / `OR`, and a submit time range is
 * `submitTimeUtc:[FROM TO TO}` (`[` includes its bound, `}` excludes it).
 */
import { GatewayInputError } from './inputs';

/** Values that need no quoting: what the terminal's codes, transaction ids and gateway ids are made of. */
const bareValue = /^[A-Za-z0-9_.:@-]+$/;

/** A value as the query language reads it: bare when it can be, else quoted with `"` and `\` escaped. */
export function queryValue(value: string): string {
  if (value === '') throw new GatewayInputError([{ field: 'query', message: 'a search value must not be empty' }]);
  return bareValue.test(value) ? value : `"${value.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

/** `2026-12-01T05:00:00Z`, with milliseconds only when there are some. */
export function queryInstant(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new GatewayInputError([{ field: 'query', message: 'a search time must be a valid date' }]);
  return instant.toISOString().replace(/\.000Z$/, 'Z');
}

/** Every transaction submitted from `from` (included) until `to` (excluded). */
export function submittedBetween(from: Date, to: Date): string {
  if (!(from.getTime() < to.getTime())) throw new GatewayInputError([{ field: 'query', message: 'a search range must end after it starts' }]);
  return `submitTimeUtc:[${queryInstant(from)} TO ${queryInstant(to)}}`;
}

/** Every transaction of one order, tab or session: `clientReferenceInformation.code`. */
export function byCode(code: string): string {
  return `clientReferenceInformation.code:${queryValue(code)}`;
}

/** The attempt that carried this `clientReferenceInformation.transactionId` (and the timeout reversal or void that named it). */
export function byTransactionId(transactionId: string): string {
  return `clientReferenceInformation.transactionId:${queryValue(transactionId)}`;
}

/** The transaction with this gateway id (and, for an authorization, its incremental authorizations). */
export function byId(id: string): string {
  return `id:${queryValue(id)}`;
}

/** Transactions that match every clause. */
export function allOf(...clauses: string[]): string {
  if (clauses.length === 0) throw new GatewayInputError([{ field: 'query', message: 'a search needs at least one clause' }]);
  return clauses.join(' AND ');
}
