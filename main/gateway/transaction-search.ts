/**
 * A whole Transaction Search, page after page: the close of a till session needs every
 * transaction of the session, not the first 2,500.
 */
import type { GatewayClient } from './client';
import { maxSearchLimit } from './inputs';
import type { TransactionSearchOutcome, TransactionSummary } from './outcomes';

export interface SearchAllOptions {
  /** Page size, at most the gateway's 2,500 (the default). */
  pageSize?: number;
  /** Refuse, before fetching past the first page, a query that matches more than this (default 100,000). */
  maxTransactions?: number;
}

/** The query matched more transactions than the caller was willing to fetch. */
export interface TooManyTransactions {
  kind: 'too-many';
  totalCount: number;
  maxTransactions: number;
}

export type AllTransactionsOutcome = TransactionSearchOutcome | TooManyTransactions;

const defaultMaxTransactions = 100_000;
/** Oldest first, ties broken by id, so pages neither skip nor repeat transactions made in the same second. */
const pagingSort = 'submitTimeUtc:asc,id:asc';

/**
 * Every transaction the query matches, oldest first. Stops at the first page that is not full, so
 * transactions arriving while it pages are included when they sort last and never loop it forever.
 */
export async function searchAllTransactions(client: Pick<GatewayClient, 'searchTransactions'>, query: string, options: SearchAllOptions = {}): Promise<AllTransactionsOutcome> {
  const limit = Math.min(options.pageSize ?? maxSearchLimit, maxSearchLimit);
  const maxTransactions = options.maxTransactions ?? defaultMaxTransactions;
  const transactions: TransactionSummary[] = [];
  let totalCount = 0;
  for (let offset = 0; ; offset += limit) {
    const page = await client.searchTransactions({ query, offset, limit, sort: pagingSort });
    if (page.kind !== 'found') return page;
    totalCount = Math.max(totalCount, page.totalCount);
    if (totalCount > maxTransactions) return { kind: 'too-many', totalCount, maxTransactions };
    transactions.push(...page.transactions);
    if (page.transactions.length < limit || transactions.length >= totalCount) break;
  }
  return { kind: 'found', totalCount: transactions.length, offset: 0, limit: transactions.length, transactions };
}
