/**
 * The Transaction Search query language, the subset the sandbox answers: `field:value` clauses
 * joined with `AND` / `OR` (AND binds tighter; parentheses group), values bare or in double
 * quotes, and `submitTimeUtc:[FROM TO TO}` ranges whose bounds are ISO instants, epoch
 * milliseconds, `*`, or date math such as `NOW/DAY-7DAYS`.
 *
 * Anything else is a `GatewayError` naming the `query` field, as the gateway answers.
 */
import { TZDate } from '@date-fns/tz';
import { invalidField } from './gateway-error';

/** Fields a clause may name; both spellings of the reconciliation id are the gateway's. */
export const searchFields = {
  'clientReferenceInformation.code': 'code',
  'clientReferenceInformation.transactionId': 'transactionId',
  id: 'id',
  reconciliationId: 'reconciliationId',
  'applicationInformation.applications.reconciliationId': 'reconciliationId',
  merchantId: 'merchantId',
} as const;

export type SearchField = (typeof searchFields)[keyof typeof searchFields];

export type QueryNode =
  | { kind: 'and' | 'or'; terms: QueryNode[] }
  | { kind: 'equals'; field: SearchField; value: string }
  /** Submit times, ms since the epoch: `from` ≤ (or <) t ≤ (or <) `to`. */
  | { kind: 'submitted'; fromMs: number; fromInclusive: boolean; toMs: number; toInclusive: boolean };

const units = {
  YEAR: 'year',
  MONTH: 'month',
  WEEK: 'week',
  DAY: 'day',
  HOUR: 'hour',
  MINUTE: 'minute',
  SECOND: 'second',
} as const;
type Unit = (typeof units)[keyof typeof units];

function problem(why: string): Error {
  return invalidField('query', why);
}

/** Parses `text`; `now` and `timeZone` (the request's, default UTC) anchor date math. */
export function parseQuery(text: string, now: Date, timeZone = 'UTC'): QueryNode {
  return new Parser(text, now, timeZone).parse();
}

class Parser {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly now: Date,
    private readonly timeZone: string,
  ) {}

  parse(): QueryNode {
    const node = this.or();
    this.skipSpace();
    if (this.position < this.text.length) throw problem(`unexpected ${JSON.stringify(this.text.slice(this.position, this.position + 20))}`);
    return node;
  }

  private or(): QueryNode {
    const first = this.and();
    const terms = [first];
    while (this.keyword('OR')) terms.push(this.and());
    return terms.length === 1 ? first : { kind: 'or', terms };
  }

  private and(): QueryNode {
    const first = this.term();
    const terms = [first];
    while (this.keyword('AND')) terms.push(this.term());
    return terms.length === 1 ? first : { kind: 'and', terms };
  }

  private term(): QueryNode {
    this.skipSpace();
    if (this.text[this.position] === '(') {
      this.position += 1;
      const node = this.or();
      this.skipSpace();
      if (this.text[this.position] !== ')') throw problem('a "(" is never closed');
      this.position += 1;
      return node;
    }
    return this.clause();
  }

  private clause(): QueryNode {
    const match = /^([A-Za-z][A-Za-z0-9.]*):/.exec(this.text.slice(this.position));
    const name = match?.[1];
    if (match === null || name === undefined) throw problem(this.position >= this.text.length ? 'the query ends where a field:value clause should be' : `expected field:value at ${JSON.stringify(this.text.slice(this.position, this.position + 20))}`);
    this.position += match[0].length;
    if (name === 'submitTimeUtc') return this.range();
    if (!Object.hasOwn(searchFields, name)) throw problem(`unknown search field ${name}`);
    return { kind: 'equals', field: searchFields[name as keyof typeof searchFields], value: this.value() };
  }

  /** A bare value runs to the next space or parenthesis; a quoted one to its closing quote. */
  private value(): string {
    if (this.text[this.position] === '"') {
      let value = '';
      for (this.position += 1; this.position < this.text.length; this.position += 1) {
        const character = this.text[this.position];
        if (character === '"') {
          this.position += 1;
          return value;
        }
        if (character === '\\') this.position += 1;
        value += this.text[this.position] ?? '';
      }
      throw problem('a quoted value is never closed');
    }
    const match = /^[^\s()"]+/.exec(this.text.slice(this.position));
    if (!match) throw problem('a field has no value');
    this.position += match[0].length;
    return match[0];
  }

  private range(): QueryNode {
    const match = /^([[{])\s*(\S+)\s+TO\s+([^\]}\s]+)\s*([\]}])/.exec(this.text.slice(this.position));
    const [whole, opening, from, to, closing] = match ?? [];
    if (whole === undefined || from === undefined || to === undefined) {
      throw problem('submitTimeUtc needs a range: [FROM TO TO} (square bracket includes, curly bracket excludes)');
    }
    this.position += whole.length;
    const fromMs = this.instant(from, Number.NEGATIVE_INFINITY);
    const toMs = this.instant(to, Number.POSITIVE_INFINITY);
    return { kind: 'submitted', fromMs, fromInclusive: opening === '[', toMs, toInclusive: closing === ']' };
  }

  private instant(text: string, open: number): number {
    if (text === '*') return open;
    if (/^\d{10,}$/.test(text)) return Number(text);
    if (text.startsWith('NOW')) return this.dateMath(text);
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
      const ms = Date.parse(text);
      if (!Number.isNaN(ms)) return ms;
    }
    throw problem(`${JSON.stringify(text)} is not a time: use an ISO instant (2026-03-02T15:00:00Z), epoch milliseconds, or date math (NOW/DAY-7DAYS)`);
  }

  /** `NOW`, then rounding (`/DAY`) and arithmetic (`-7DAYS`, `+1HOUR`) left to right, in the request's time zone. */
  private dateMath(text: string): number {
    const date = new TZDate(this.now.getTime(), this.timeZone);
    const steps = /([/+-])(\d*)([A-Z]+?)S?(?=[/+-]|$)/gy;
    steps.lastIndex = 3;
    let consumed = 3;
    for (let step = steps.exec(text); step; step = steps.exec(text)) {
      const [whole, operator, count, name] = step as unknown as [string, string, string, string];
      const unit = (units as Record<string, Unit>)[name];
      if (unit === undefined) throw problem(`unknown date math unit ${name} in ${text}`);
      if (operator === '/') {
        if (count !== '') throw problem(`rounding takes no number in ${text}`);
        roundDown(date, unit);
      } else {
        if (count === '') throw problem(`${operator}${name} needs a number in ${text}`);
        shift(date, unit, operator === '-' ? -Number(count) : Number(count));
      }
      consumed += whole.length;
    }
    if (consumed !== text.length) throw problem(`cannot read the date math ${JSON.stringify(text)}`);
    return date.getTime();
  }

  private keyword(word: 'AND' | 'OR'): boolean {
    const match = new RegExp(`^\\s+${word}(?:\\s+|$)`).exec(this.text.slice(this.position));
    if (!match) return false;
    this.position += match[0].length;
    return true;
  }

  private skipSpace(): void {
    while (/\s/.test(this.text.charAt(this.position))) this.position += 1;
  }
}

function roundDown(date: TZDate, unit: Unit): void {
  switch (unit) {
    case 'year':
      date.setMonth(0, 1);
      date.setHours(0, 0, 0, 0);
      return;
    case 'month':
      date.setDate(1);
      date.setHours(0, 0, 0, 0);
      return;
    case 'week':
      date.setDate(date.getDate() - ((date.getDay() + 6) % 7));
      date.setHours(0, 0, 0, 0);
      return;
    case 'day':
      date.setHours(0, 0, 0, 0);
      return;
    case 'hour':
      date.setMinutes(0, 0, 0);
      return;
    case 'minute':
      date.setSeconds(0, 0);
      return;
    case 'second':
      date.setMilliseconds(0);
      return;
  }
}

function shift(date: TZDate, unit: Unit, count: number): void {
  switch (unit) {
    case 'year':
      date.setFullYear(date.getFullYear() + count);
      return;
    case 'month':
      date.setMonth(date.getMonth() + count);
      return;
    case 'week':
      date.setDate(date.getDate() + 7 * count);
      return;
    case 'day':
      date.setDate(date.getDate() + count);
      return;
    case 'hour':
      date.setTime(date.getTime() + count * 3_600_000);
      return;
    case 'minute':
      date.setTime(date.getTime() + count * 60_000);
      return;
    case 'second':
      date.setTime(date.getTime() + count * 1_000);
      return;
  }
}

/** True when `submittedMs` (whole seconds, as `submitTimeUtc` shows it) is inside the range. */
export function withinRange(node: Extract<QueryNode, { kind: 'submitted' }>, submittedMs: number): boolean {
  const afterStart = node.fromInclusive ? submittedMs >= node.fromMs : submittedMs > node.fromMs;
  const beforeEnd = node.toInclusive ? submittedMs <= node.toMs : submittedMs < node.toMs;
  return afterStart && beforeEnd;
}
