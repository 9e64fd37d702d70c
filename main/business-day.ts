/**
 * The store's business day: the stretch from one cut-off hour to the next on the store's wall
 * clock. Voids, the day report, the decline-retry windows, the close and the sandbox's settlement
 * all ask this one module, so "today" means the same thing everywhere.
 */
import { TZDate } from '@date-fns/tz';

export interface BusinessDayRule {
  /** IANA time zone of the store, e.g. `America/New_York`. */
  timeZone: string;
  /** Hour 0–23 on the store's clock at which one business day ends and the next begins. */
  cutoffHour: number;
}

export interface BusinessDay {
  /** The business date, `YYYY-MM-DD`: the calendar date on which the business day began. */
  date: string;
  /** First instant of the day (inclusive), ms since the epoch. */
  fromMs: number;
  /** First instant of the next day (exclusive). 23 or 25 hours after `fromMs` across a DST change. */
  toMs: number;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function cutoffInstant(year: number, monthIndex: number, day: number, rule: BusinessDayRule): number {
  return new TZDate(year, monthIndex, day, rule.cutoffHour, 0, 0, 0, rule.timeZone).getTime();
}

function dayFrom(year: number, monthIndex: number, day: number, rule: BusinessDayRule): BusinessDay {
  const fromMs = cutoffInstant(year, monthIndex, day, rule);
  const start = new TZDate(fromMs, rule.timeZone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return {
    date: `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`,
    fromMs,
    toMs: cutoffInstant(year, monthIndex, day + 1, rule),
  };
}

/** The business day an instant belongs to. */
export function businessDayAt(instant: Date | number, rule: BusinessDayRule): BusinessDay {
  const local = new TZDate(typeof instant === 'number' ? instant : instant.getTime(), rule.timeZone);
  const startsToday = local.getHours() >= rule.cutoffHour;
  const day = dayFrom(local.getFullYear(), local.getMonth(), local.getDate() - (startsToday ? 0 : 1), rule);
  // A cut-off hour skipped by a DST change starts the day at the next hour; check the instant is inside.
  const ms = local.getTime();
  if (ms < day.fromMs) return dayFrom(local.getFullYear(), local.getMonth(), local.getDate() - 1, rule);
  if (ms >= day.toMs) return dayFrom(local.getFullYear(), local.getMonth(), local.getDate() + 1, rule);
  return day;
}

/** The business day named by its date (`YYYY-MM-DD`); throws RangeError on anything else. */
export function businessDayOn(date: string, rule: BusinessDayRule): BusinessDay {
  const match = isoDate.exec(date);
  if (!match) throw new RangeError(`${JSON.stringify(date)} is not a date (YYYY-MM-DD)`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const result = dayFrom(year, month - 1, day, rule);
  if (result.date !== date) throw new RangeError(`${date} is not a calendar date`);
  return result;
}

/** The business day `count` days after `day` (before it when negative). */
export function businessDayAfter(day: BusinessDay, count: number, rule: BusinessDayRule): BusinessDay {
  const [year, month, date] = day.date.split('-').map(Number) as [number, number, number];
  return dayFrom(year, month - 1, date + count, rule);
}
