import { describe, expect, it } from 'vitest';
import type { AttemptRow } from '../../../main/payments/journal/records';
import { reconcile, type GatewayRecord, type ReconcileInput } from '../../../main/payments/reconciliation';

const t0 = Date.parse('2026-11-21T09:00:00.000Z');
const span = { fromMs: t0, toMs: t0 + 8 * 3_600_000 };
const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString().replace('.000Z', 'Z');

function attempt(transactionId: string, fields: Partial<AttemptRow> = {}): AttemptRow {
  return {
    id: 1, transactionId, kind: 'sale', ownerKind: 'order', reference: `SALE-${transactionId}`, parentTransactionId: null, currency: 'USD',
    amountMinor: 1234, approvedMinor: 1234, maskedPan: '•••• 1111', cardBrand: 'visa', entryMode: 'swiped', cardFingerprint: null,
    status: 'approved', gatewayId: `G-${transactionId}`, approvalCode: '831000', declineReason: null, insightCategory: null, message: null,
    rawResponse: null, operatorId: 'op-1', managerId: null, createdAtMs: t0 + 60_000, updatedAtMs: t0 + 60_000, ...fields,
  };
}

const ok = (name: string) => ({ name, rCode: '1', rFlag: 'SOK', reasonCode: '100' });
const refused = (name: string) => ({ name, rCode: '0', rFlag: 'DCARDREFUSED', reasonCode: '203' });

function record(id: string, transactionId: string | null, fields: Partial<GatewayRecord> = {}): GatewayRecord {
  return { id, submitTimeUtc: at(1), code: transactionId && `SALE-${transactionId}`, transactionId, applications: [ok('ics_auth'), ok('ics_bill')], amountMinor: 1234, currency: 'USD', cardSuffix: '1111', ...fields };
}

function run(input: Partial<ReconcileInput>) {
  return reconcile({ attempts: [], undone: new Set(), records: [], elsewhere: () => undefined, ...span, ...input });
}

describe('reconciling a till session with the gateway', () => {
  it('matches approvals by gateway id and transactionId, declines on both sides, and a void next to the sale it voided', () => {
    const result = run({
      attempts: [
        attempt('T1'),
        attempt('T2', { status: 'declined', approvedMinor: null, gatewayId: 'G-T2' }),
        attempt('T3', { kind: 'void', parentTransactionId: 'T1' }),
        // A decline the gateway gave no id for.
        attempt('T4', { status: 'declined', approvedMinor: null, gatewayId: null }),
      ],
      records: [record('G-T1', 'T1'), record('G-T2', 'T2', { applications: [refused('ics_auth')] }), record('G-T3', 'T3', { applications: [ok('ics_void')] }), record('G-T4', 'T4', { applications: [refused('ics_auth')] })],
    });
    expect(result).toMatchObject({ matched: 2, declinesMatched: 2, undoneMatched: 0, gatewayCount: 4, journalCount: 4, differences: [] });
  });

  it('pairs an attempt undone by a timeout reversal with both of its records: the original and the reversal under its transactionId', () => {
    const result = run({
      attempts: [
        attempt('T1', { status: 'resolved', approvedMinor: null, gatewayId: null }),
        attempt('T2', { kind: 'timeout-reversal', parentTransactionId: 'T1', gatewayId: 'G-R' }),
      ],
      undone: new Set(['T1']),
      records: [record('G-S', 'T1'), record('G-R', 'T1', { applications: [ok('ics_auth_reversal')] })],
    });
    expect(result).toMatchObject({ matched: 1, undoneMatched: 1, differences: [] });
  });

  it('pairs an incremental authorization that carries its authorization’s id by its own transactionId', () => {
    const result = run({
      attempts: [attempt('T1', { kind: 'authorize', gatewayId: 'G-A', amountMinor: 40000, approvedMinor: 40000 }), attempt('T2', { kind: 'incremental', gatewayId: 'G-A', amountMinor: 5000, approvedMinor: 5000 })],
      records: [record('G-A', 'T2', { amountMinor: 5000, applications: [ok('ics_incremental_auth')] }), record('G-A', 'T1', { amountMinor: 40000, applications: [ok('ics_auth')] })],
    });
    expect(result).toMatchObject({ matched: 2, differences: [] });
  });

  it('reports an approval whose answer the journal lost as gateway-only, offered for an undo', () => {
    const result = run({ attempts: [attempt('T1', { status: 'failed', approvedMinor: null, gatewayId: null, message: 'socket hang up' })], records: [record('G-X', 'T1')] });
    expect(result.differences).toEqual([
      expect.objectContaining({ kind: 'gateway-only', transactionId: 'T1', reference: 'SALE-T1', gatewayId: 'G-X', attemptKind: 'sale', gatewayMinor: 1234, maskedPan: '•••• 1111', action: 'undo' }),
    ]);
  });

  it('reports journal-only approvals, amount differences, and approved records no attempt of the journal knows', () => {
    const result = run({
      attempts: [attempt('T1'), attempt('T2'), attempt('T3', { amountMinor: 1000, approvedMinor: 1000 })],
      records: [
        record('G-T2', 'T2', { applications: [refused('ics_auth')] }),
        record('G-T3', 'T3', { amountMinor: 1234 }),
        record('G-Z', 'T-stranger', { cardSuffix: '4444', submitTimeUtc: at(30) }),
      ],
    });
    expect(result.differences.map((difference) => [difference.kind, difference.transactionId, difference.action])).toEqual([
      ['gateway-only', 'T-stranger', 'check'],
      ['journal-only', 'T2', 'check'],
      ['amount', 'T3', 'check'],
      ['journal-only', 'T1', 'check'],
    ]);
    expect(result.differences[0]?.maskedPan).toBe('•••• 4444');
    expect(result.differences[2]).toMatchObject({ journalMinor: 1000, gatewayMinor: 1234 });
  });

  it('leaves records of other sessions to their own Z report: ours by transactionId, strangers by their time', () => {
    const earlier = attempt('T-old');
    const result = run({
      records: [record('G-old', 'T-old'), record('G-before', 'T-before', { submitTimeUtc: new Date(t0 - 60_000).toISOString() }), record('G-after', null, { submitTimeUtc: new Date(span.toMs).toISOString() })],
      elsewhere: (transactionId) => (transactionId === 'T-old' ? earlier : undefined),
    });
    expect(result).toMatchObject({ gatewayCount: 0, matched: 0, differences: [] });
  });
});
