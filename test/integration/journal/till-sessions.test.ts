import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Journal } from '../../../main/payments/journal/journal';
import { approvedFollowOn, approvedSale, useJournals } from './journal-fixture';

const journals = useJournals();
const wholeDay = { fromMs: Date.parse('2026-11-21T00:00:00.000Z'), toMs: Date.parse('2026-11-22T00:00:00.000Z') };

function close(journal: Journal, countedMinor = 0, lastAttemptId = Number.MAX_SAFE_INTEGER) {
  const session = journal.openTillSession();
  if (!session) throw new Error('no open session');
  return journal.closeTill({ sessionId: session.id, operatorId: 'op-1', managerId: 'mgr-1', countedMinor, lastAttemptId, report: (number, cash) => ({ number, cash }) });
}

function cashSale(journal: Journal, sessionId: string, cashMinor: number) {
  journal.openSplitSession({ id: sessionId, totalMinor: cashMinor, currency: 'USD', expiresAtMs: Date.parse('2026-11-22T00:00:00.000Z'), operatorId: 'op-1' });
  journal.recordCashTender({ sessionId, amountMinor: cashMinor, operatorId: 'op-1' });
}

describe('till sessions', () => {
  it('opens one implicitly with a zero float at the first payment, and stamps every attempt and cash tender with it', () => {
    const { journal } = journals.open();
    expect(journal.openTillSession()).toBeUndefined();
    approvedSale(journal, 'S-1', 1234);
    const session = journal.openTillSession();
    expect(session).toMatchObject({ id: 1, state: 'open', floatMinor: 0, implicit: true, openedBy: 'op-1', currency: 'USD' });
    cashSale(journal, 'SPLIT-1', 4000);
    expect(journal.tillSessionAttempts(1).map((row) => row.reference)).toEqual(['S-1']);
    expect(journal.tillCash(1)).toEqual({ floatMinor: 0, cashTakenMinor: 4000, cashRefundedMinor: 0, expectedMinor: 4000 });
  });

  it('takes a float on a session a payment opened, and refuses to open a till that is open', () => {
    const { journal } = journals.open();
    approvedSale(journal, 'S-1', 1234);
    expect(journal.openTill({ floatMinor: 15000, currency: 'USD', operatorId: 'mgr-1' })).toMatchObject({ id: 1, floatMinor: 15000, implicit: false, openedBy: 'mgr-1' });
    expect(() => journal.openTill({ floatMinor: 100, currency: 'USD', operatorId: 'mgr-1' })).toThrow(expect.objectContaining({ code: 'WRONG_STATE' }));
    expect(() => journal.openTill({ floatMinor: -1, currency: 'USD', operatorId: 'mgr-1' })).toThrow(/floatMinor/);
    expect(journal.openTillSession()?.floatMinor).toBe(15000);
  });

  it('expects the float plus cash taken less cash handed back from cancelled split tenders', () => {
    const { journal } = journals.open();
    journal.openTill({ floatMinor: 10000, currency: 'USD', operatorId: 'mgr-1' });
    cashSale(journal, 'SPLIT-1', 4000);
    journal.openSplitSession({ id: 'SPLIT-2', totalMinor: 9000, currency: 'USD', expiresAtMs: wholeDay.toMs, operatorId: 'op-1' });
    journal.recordCashTender({ sessionId: 'SPLIT-2', amountMinor: 2500, operatorId: 'op-1' });
    // Cancelled with only cash in it: the 25.00 goes back to the customer.
    expect(journal.beginSessionCancel('SPLIT-2').state).toBe('cancelled');
    expect(journal.tillCash(1)).toEqual({ floatMinor: 10000, cashTakenMinor: 6500, cashRefundedMinor: 2500, expectedMinor: 14000 });
  });

  it('closes under Z number 1, 2, 3…; the next payment belongs to the next session; closed rows leave the day and the void list', () => {
    const { journal } = journals.open();
    journal.openTill({ floatMinor: 10000, currency: 'USD', operatorId: 'mgr-1' });
    const first = approvedSale(journal, 'S-1', 1234);
    cashSale(journal, 'SPLIT-1', 4000);
    expect(journal.voidableCaptures(wholeDay).map((row) => row.transactionId)).toEqual([first]);

    const z1 = close(journal, 14000);
    expect(z1).toMatchObject({ number: 1, tillSessionId: 1 });
    expect(JSON.parse(z1.reportJson)).toEqual({ number: 1, cash: { floatMinor: 10000, cashTakenMinor: 4000, cashRefundedMinor: 0, expectedMinor: 14000 } });
    expect(journal.tillSession(1)).toMatchObject({ state: 'closed', closedBy: 'op-1', approvedBy: 'mgr-1', expectedMinor: 14000, countedMinor: 14000 });
    expect(journal.openTillSession()).toBeUndefined();
    expect(journal.bookRows(wholeDay)).toEqual({ attempts: [], cashTenders: [] });
    expect(journal.voidableCaptures(wholeDay)).toEqual([]);
    expect(journal.tillBookRows(1)).toEqual({
      attempts: [expect.objectContaining({ kind: 'sale', status: 'approved', approvedMinor: 1234, cardBrand: 'visa' })],
      cashTenders: [{ currency: 'USD', amountMinor: 4000, operatorId: 'op-1' }],
    });
    // A refund of a closed session's sale is still possible, and belongs to the new session.
    const refund = approvedFollowOn(journal, { kind: 'refund', owner: { orderId: 'S-1' }, amountMinor: 234, parentTransactionId: first });
    expect(journal.attempt(refund)?.status).toBe('approved');
    const second = approvedSale(journal, 'S-2', 500);
    expect(journal.openTillSession()).toMatchObject({ id: 2, implicit: true });
    expect(journal.tillSessionAttempts(2).map((row) => row.transactionId)).toEqual([refund, second]);
    expect(journal.voidableCaptures(wholeDay).map((row) => row.transactionId)).toEqual([second]);

    expect(close(journal).number).toBe(2);
    expect(journal.zReports().map((row) => row.number)).toEqual([2, 1]);
  });

  it('refuses to close a closed session, or one where money moved after the reconciliation read it', () => {
    const { journal } = journals.open();
    approvedSale(journal, 'S-1', 1234);
    const seen = journal.tillSessionAttempts(1).at(-1)?.id ?? 0;
    approvedSale(journal, 'S-2', 500);
    expect(() => close(journal, 0, seen)).toThrow(expect.objectContaining({ code: 'WRONG_STATE', message: expect.stringMatching(/money moved/) }));
    expect(journal.openTillSession()?.id).toBe(1);
    expect(journal.zReports()).toEqual([]);
    close(journal);
    expect(() => journal.closeTill({ sessionId: 1, operatorId: 'op-1', managerId: 'mgr-1', countedMinor: 0, lastAttemptId: 99, report: () => ({}) })).toThrow(
      expect.objectContaining({ code: 'WRONG_STATE' }),
    );
    expect(journal.zReports().map((row) => row.number)).toEqual([1]);
  });

  it('keeps Z numbers gapless and Z reports unchangeable, even against a direct write', () => {
    const { journal, file } = journals.open();
    approvedSale(journal, 'S-1', 1234);
    close(journal);
    approvedSale(journal, 'S-2', 500);
    journal.close();
    const db = new Database(file);
    try {
      expect(() => db.prepare(`INSERT INTO z_reports (number, till_session_id, report_json, created_at) VALUES (3, 2, '{}', 0)`).run()).toThrow(/without gaps/);
      expect(() => db.prepare(`UPDATE z_reports SET report_json = '{}'`).run()).toThrow(/never changes/);
      expect(() => db.prepare(`DELETE FROM z_reports`).run()).toThrow(/never deleted/);
      expect(() => db.prepare(`INSERT INTO till_sessions (state, currency, float_minor, implicit, opened_by, opened_at) VALUES ('open', 'USD', 0, 1, 'op', 0)`).run()).toThrow(/UNIQUE/);
    } finally {
      db.close();
    }
  });
});
