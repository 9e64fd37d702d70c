/**
 * The store's business day from the settings, through the whole terminal: a bad time zone or
 * cut-off hour is refused naming the field (and changes nothing), and once set, the Day report and
 * the voidable list follow the store's clock rather than the machine's or UTC.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Terminal } from '../../../main/terminal';
import { useTempDir } from '../../support/temp-dir';
import { call, tapTestCard, terminalIn } from '../../support/terminal';

const tempDir = useTempDir();
const opened: Terminal[] = [];
afterEach(async () => {
  for (const terminal of opened.splice(0)) await terminal.close();
});


describe('the business day in the settings', () => {
  it('refuses an unknown time zone and an hour out of range, naming each field, and keeps the old rule', async () => {
    const { terminal } = terminalIn(tempDir());
    opened.push(terminal);
    const before = await call(terminal, 'settings.get');
    const result = await terminal.dispatch('settings.update', { businessDay: { timeZone: 'Mars/Olympus_Mons', cutoffHour: 24 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const fields = result.ok ? [] : (result.error.fields ?? []);
    expect(fields).toEqual([
      { field: 'businessDay.timeZone', message: expect.stringMatching(/IANA time zone/) },
      { field: 'businessDay.cutoffHour', message: 'must be 0 to 23' },
    ]);
    expect(await call(terminal, 'settings.get')).toEqual(before);
  });

  it("reports and voids by the store's day: a 19:30 sale in New York is the store's until 04:00 there", async () => {
    let now = Date.parse('2026-12-02T00:30:00Z');
    const { terminal } = terminalIn(tempDir(), undefined, { clock: () => new Date(now) });
    opened.push(terminal);
    expect(await call(terminal, 'settings.update', { businessDay: { timeZone: 'America/New_York', cutoffHour: 4 } })).toMatchObject({ ok: true });
    await call(terminal, 'reader.status');
    const sale = await call(terminal, 'sale.charge', { idempotencyKey: 'business-day-0001', operatorId: 'cashier', amountMinor: 1234, cardHandle: await tapTestCard(terminal) });
    expect(sale).toMatchObject({ ok: true, value: { outcome: 'approved' } });

    const evening = await call(terminal, 'day.report');
    expect(evening).toMatchObject({ ok: true, value: { date: '2026-12-01', timeZone: 'America/New_York', books: { currencies: [{ currency: 'USD', netMinor: 1234 }] } } });
    expect(await call(terminal, 'voids.list')).toMatchObject({ ok: true, value: [{ approvedMinor: 1234 }] });

    now = Date.parse('2026-12-02T09:00:00Z');
    expect(await call(terminal, 'day.report')).toMatchObject({ ok: true, value: { date: '2026-12-02', books: { currencies: [] } } });
    expect(await call(terminal, 'voids.list')).toEqual({ ok: true, value: [] });
  });
});
