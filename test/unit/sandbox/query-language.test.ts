import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../main/sandbox/gateway-error';
import { parseQuery } from '../../../main/sandbox/query-language';

const now = new Date('2026-03-11T15:42:17.500Z');
const ms = (iso: string) => Date.parse(iso);

function range(text: string, timeZone?: string) {
  const node = parseQuery(`submitTimeUtc:${text}`, now, timeZone);
  if (node.kind !== 'submitted') throw new Error(`not a range: ${JSON.stringify(node)}`);
  return node;
}

describe('the sandbox’s query language', () => {
  it('reads the documented date math examples', () => {
    expect(range('[NOW/HOUR-1HOUR TO NOW/HOUR}')).toMatchObject({ fromMs: ms('2026-03-11T14:00:00Z'), toMs: ms('2026-03-11T15:00:00Z'), fromInclusive: true, toInclusive: false });
    expect(range('[NOW/DAY TO NOW/DAY+1DAY}')).toMatchObject({ fromMs: ms('2026-03-11T00:00:00Z'), toMs: ms('2026-03-12T00:00:00Z') });
    expect(range('[NOW/DAY-7DAYS TO NOW/DAY+1DAY}')).toMatchObject({ fromMs: ms('2026-03-04T00:00:00Z') });
    expect(range('[NOW/MONTH-1MONTH TO NOW/MONTH}')).toMatchObject({ fromMs: ms('2026-02-01T00:00:00Z'), toMs: ms('2026-03-01T00:00:00Z') });
    expect(range('[NOW/DAY-12MONTHS TO NOW/DAY+1DAY]')).toMatchObject({ fromMs: ms('2025-03-11T00:00:00Z'), toInclusive: true });
    expect(range('{NOW-90MINUTES TO NOW]')).toMatchObject({ fromMs: ms('2026-03-11T14:12:17.500Z'), fromInclusive: false, toMs: now.getTime() });
  });

  it('rounds days in the request’s time zone', () => {
    expect(range('[NOW/DAY TO NOW}', 'America/Chicago').fromMs).toBe(ms('2026-03-11T05:00:00Z'));
    expect(range('[NOW/DAY TO NOW}', 'Europe/Berlin').fromMs).toBe(ms('2026-03-10T23:00:00Z'));
  });

  it('reads ISO instants, epoch milliseconds and open bounds', () => {
    expect(range('[2026-03-01T00:00:00Z TO 2026-03-02T00:00:00.250+01:00}')).toMatchObject({ fromMs: ms('2026-03-01T00:00:00Z'), toMs: ms('2026-03-01T23:00:00.250Z') });
    expect(range('[1556712000000 TO *]')).toMatchObject({ fromMs: 1556712000000, toMs: Number.POSITIVE_INFINITY });
  });

  it('binds AND tighter than OR, and groups with parentheses', () => {
    const code = (value: string) => ({ kind: 'equals', field: 'code', value });
    expect(parseQuery('clientReferenceInformation.code:a OR clientReferenceInformation.code:b AND id:1', now)).toEqual({
      kind: 'or',
      terms: [code('a'), { kind: 'and', terms: [code('b'), { kind: 'equals', field: 'id', value: '1' }] }],
    });
    expect(parseQuery('(clientReferenceInformation.code:a OR clientReferenceInformation.code:"b c") AND reconciliationId:R', now)).toEqual({
      kind: 'and',
      terms: [{ kind: 'or', terms: [code('a'), code('b c')] }, { kind: 'equals', field: 'reconciliationId', value: 'R' }],
    });
  });

  it.each([
    ['nickname:bob', 'unknown search field nickname'],
    ['clientReferenceInformation.code:', 'has no value'],
    ['clientReferenceInformation.code:"open', 'never closed'],
    ['submitTimeUtc:[NOW TO NOW+DAY}', 'needs a number'],
    ['submitTimeUtc:[NOW/2DAY TO NOW}', 'rounding takes no number'],
    ['submitTimeUtc:[NOWISH TO NOW}', 'cannot read the date math'],
    ['submitTimeUtc:[2026-03-01 TO NOW}', 'is not a time'],
    ['id:1 id:2', 'unexpected'],
    ['id:1 OR', 'ends where a field:value clause should be'],
  ])('refuses %s naming the query field', (query, why) => {
    let thrown: unknown;
    try {
      parseQuery(query, now);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    expect(thrown).toMatchObject({ httpStatus: 400, reason: 'INVALID_DATA', details: [{ field: 'query', reason: 'INVALID_DATA' }] });
    expect((thrown as Error).message).toContain(why);
  });
});
