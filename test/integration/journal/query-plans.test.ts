import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { historySql, unresolvedSql } from '../../../main/payments/journal/attempts';
import { managerApprovalsSql } from '../../../main/payments/journal/manager-approvals';
import { openPreAuthsSql } from '../../../main/payments/journal/orders';
import { bookAttemptsByTillSql, bookAttemptsByTimeSql, cashTendersByTillSql, cashTendersByTimeSql, voidableSql } from '../../../main/payments/journal/reports';
import { cardDeclinesSql } from '../../../main/payments/journal/safeguards';
import { openSessionsSql } from '../../../main/payments/journal/split-sessions';
import { openTabsSql } from '../../../main/payments/journal/tabs';
import { historySearchSql } from '../../../main/payments/journal/transaction-history';
import { useJournals } from './journal-fixture';

const journals = useJournals();

/** The screens' queries and the index each must be answered from, never by reading the whole table. */
const expectations: [name: string, sql: string, params: unknown[], index: string][] = [
  ["today's voidable", voidableSql, [0, 1], 'attempts_voidable'],
  ['unresolved attempts', unresolvedSql, [], 'attempts_unresolved'],
  ["the books' attempts of a day", bookAttemptsByTimeSql, [0, 1], 'attempts_by_time'],
  ["the books' cash of a day", cashTendersByTimeSql, [0, 1], 'tenders_cash_by_time'],
  ["the books' attempts of a till session", bookAttemptsByTillSql, [1], 'attempts_by_till_session'],
  ["the books' cash of a till session", cashTendersByTillSql, [1], 'tenders_by_till_session'],
  ['history of an order', historySql.order, ['S-1'], 'attempts_by_order'],
  ['history of a tab', historySql.tab, ['TAB-1'], 'attempts_by_tab'],
  ['history of a session', historySql.session, ['SPLIT-1'], 'attempts_by_session'],
  ['open tabs', openTabsSql, [], 'tabs_open'],
  ['open split-tender sessions', openSessionsSql, [], 'split_sessions_open'],
  ['open pre-auths', openPreAuthsSql, [], 'orders_open_pre_auths'],
  ['manager approvals of a day', managerApprovalsSql, [0, 1], 'manager_approvals_by_time'],
  ['history of a business day', historySearchSql({ window: { fromMs: 0, toMs: 1 } }), [0, 1, 51], 'attempts_history_by_time'],
  ['history by amount', historySearchSql({ amountMinor: 1 }), [1, 51], 'attempts_history_by_amount'],
  ['history by last 4', historySearchSql({ last4: '1111' }), ['•••• 1111', 51], 'attempts_history_by_card'],
  ['history by approval code', historySearchSql({ approvalCode: '831000' }), ['831000', 51], 'attempts_history_by_approval'],
  ['history by operator', historySearchSql({ operatorId: 'op-1' }), ['op-1', 51], 'attempts_history_by_operator'],
  ['history by last 4 on a day', historySearchSql({ window: { fromMs: 0, toMs: 1 }, last4: '1111' }), [0, 1, '•••• 1111', 51], 'attempts_history_by_card'],
  ['declines of a card for the retry rules', cardDeclinesSql, ['a'.repeat(64), 0], 'card_declines_by_card'],
];

describe('query plans', () => {
  it.each(expectations)('answers %s from its index', (_name, sql, params, index) => {
    const { journal, file } = journals.open();
    journal.close();
    const db = new Database(file, { readonly: true });
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail);
    db.close();
    expect(plan.join('\n')).toContain(index);
    // A full scan of the big tables would grow with the journal; only an index scan is allowed.
    // Newest first straight from the index: a sort would read every match before the first row.
    if (index.startsWith('attempts_history')) expect(plan.filter((step) => step.includes('TEMP B-TREE'))).toEqual([]);
    expect(plan.filter((step) => /^SCAN (a|attempts|orders|tabs|split_sessions|t|tenders|manager_approvals)\b/.test(step) && !step.includes('USING'))).toEqual([]);
  });
});
