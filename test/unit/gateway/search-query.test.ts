import { describe, expect, it } from 'vitest';
import { GatewayInputError } from '../../../main/gateway/inputs';
import { allOf, byCode, byId, byTransactionId, queryValue, submittedBetween } from '../../../main/gateway/search-query';

describe('the Transaction Search query builder', () => {
  it('writes a submit time range that includes its start and excludes its end', () => {
    expect(submittedBetween(new Date('2026-12-01T05:00:00Z'), new Date('2026-12-02T05:00:00Z'))).toBe('submitTimeUtc:[2026-12-01T05:00:00Z TO 2026-12-02T05:00:00Z}');
    expect(submittedBetween(new Date('2026-12-01T05:00:00.250Z'), new Date('2026-12-01T05:00:01Z'))).toBe('submitTimeUtc:[2026-12-01T05:00:00.250Z TO 2026-12-01T05:00:01Z}');
  });

  it('refuses an empty, backwards or invalid range', () => {
    const at = new Date('2026-12-01T05:00:00Z');
    expect(() => submittedBetween(at, at)).toThrow(GatewayInputError);
    expect(() => submittedBetween(new Date('2026-12-02T00:00:00Z'), at)).toThrow(/end after it starts/);
    expect(() => submittedBetween(new Date(Number.NaN), at)).toThrow(GatewayInputError);
  });

  it('writes client reference and id clauses, bare when the value allows it', () => {
    expect(byCode('till-7:session_3')).toBe('clientReferenceInformation.code:till-7:session_3');
    expect(byTransactionId('Ab3_x-9')).toBe('clientReferenceInformation.transactionId:Ab3_x-9');
    expect(byId('6461731521426399003473')).toBe('id:6461731521426399003473');
  });

  it('quotes a value with spaces, parentheses or quotes, escaping quotes and backslashes', () => {
    expect(byCode('table 4 (bar)')).toBe('clientReferenceInformation.code:"table 4 (bar)"');
    expect(queryValue('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    expect(() => byCode('')).toThrow(GatewayInputError);
  });

  it('joins clauses with AND', () => {
    const day = submittedBetween(new Date('2026-12-01T05:00:00Z'), new Date('2026-12-02T05:00:00Z'));
    expect(allOf(day, byCode('T-1'))).toBe(`${day} AND clientReferenceInformation.code:T-1`);
    expect(allOf(byCode('T-1'))).toBe('clientReferenceInformation.code:T-1');
    expect(() => allOf()).toThrow(GatewayInputError);
  });
});
