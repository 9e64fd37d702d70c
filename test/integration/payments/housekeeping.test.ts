import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { idempotencyWindowDays, pruneJournal, startHousekeeping } from '../../../main/payments/housekeeping';
import { cards, newKey, testClock, usePayments, valueOf } from './payments-fixture';

const payments = usePayments();
/** A store in New York whose business day turns at 04:00; the test clock starts at 04:00 EST on 21 November. */
const newYork = { timeZone: 'America/New_York', cutoffHour: 4 };

function keysIn(file: string): { key: string; state: string }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT key, state FROM idempotency_keys ORDER BY created_at`).all() as { key: string; state: string }[];
  } finally {
    db.close();
  }
}

describe('journal housekeeping', () => {
  it(`prunes idempotency keys once their ${idempotencyWindowDays} business days have passed, at start; keys inside the window still answer`, async () => {
    const clock = testClock();
    const { call, swipe, sandbox, context, configure } = await payments.start({ clock });
    configure({ businessDay: newYork });
    const sale = (idempotencyKey: string, cardHandle: string = swipe(cards.visa)) => call('sale.charge', { idempotencyKey, operatorId: 'op-1', amountMinor: 12_34, cardHandle });
    const old = newKey();
    valueOf(await sale(old));
    // The next business day at 03:59 New York time (still the day before the window moves on), a second sale.
    clock.set(new Date('2026-11-23T08:59:59Z'));
    const recent = newKey();
    const recentCard = swipe(cards.visa);
    const recentResult = valueOf(await sale(recent, recentCard));
    expect(keysIn(context.journal.filePath).map((row) => row.key)).toEqual([`sale.charge:${old}`, `sale.charge:${recent}`]);
    expect(pruneJournal(context)).toEqual({ idempotencyKeys: 0, declines: 0 });

    // Business day 2026-11-23 begins: the first key's window is over. The terminal starts and prunes.
    clock.set(new Date('2026-11-23T09:00:00Z'));
    const housekeeping = startHousekeeping(context, { sweepEveryMs: 60_000 });
    await housekeeping.ready;
    housekeeping.stop();
    expect(keysIn(context.journal.filePath)).toEqual([{ key: `sale.charge:${recent}`, state: 'done' }]);
    // The key inside the window still answers with its first result (the repeat of a lost answer: same key, same card handle), and sends nothing.
    const charged = sandbox.transactions().length;
    expect(valueOf(await sale(recent, recentCard))).toEqual(recentResult);
    expect(sandbox.transactions()).toHaveLength(charged);
    expect(keysIn(context.journal.filePath)).toHaveLength(1);
  });

  it('keeps a key whose first call never finished (recovery settles it), and prunes declines past the 30 business days', async () => {
    const clock = testClock();
    const { call, swipe, context, configure } = await payments.start({ clock });
    configure({ businessDay: newYork });
    // 1000.05 declines (category 02): one decline counted for the card.
    valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 1000_05, cardHandle: swipe(cards.visa) }));
    const db = new Database(context.journal.filePath);
    try {
      db.prepare(`INSERT INTO idempotency_keys (key, state, created_at) VALUES ('sale.charge:cut-short', 'started', ?)`).run(clock().getTime());
    } finally {
      db.close();
    }
    clock.set(new Date('2026-12-21T09:00:00Z'));
    expect(pruneJournal(context)).toEqual({ idempotencyKeys: 1, declines: 1 });
    expect(keysIn(context.journal.filePath)).toEqual([{ key: 'sale.charge:cut-short', state: 'started' }]);
  });
});
