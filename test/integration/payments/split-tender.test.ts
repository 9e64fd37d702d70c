import { describe, expect, it } from 'vitest';
import { startHousekeeping } from '../../../main/payments/housekeeping';
import { sweepSplitSessions } from '../../../main/payments/split-tender';
import { cards, charged, errorOf, newKey, testClock, usePayments, valueOf } from './payments-fixture';

const payments = usePayments();

/*
 * The scenario: 100.00 paid as a 60.00 partial on a prepaid card (the sandbox's Discover
 * prepaid 6011000999900008 holds 60.00) plus 40.00 on a second card. The 25.00 prepaid card is
 * used for the cash case.
 */
const total = 10000;
const partial = 6000;

describe('split tender with partial authorizations', () => {
  it('pays 100.00 as a 60.00 partial on the prepaid card plus 40.00 on a second card, then captures both', async () => {
    const clock = testClock();
    const { call, swipe, sandbox, context } = await payments.start({ clock });
    const first = valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: total, cardHandle: swipe(cards.prepaid60), allowPartial: true }));
    expect(first).toMatchObject({
      outcome: 'partially-approved',
      approvedMinor: partial,
      session: {
        state: 'open',
        totalMinor: total,
        paidMinor: partial,
        balanceDueMinor: 4000,
        expiresAt: new Date(clock().getTime() + 10 * 60_000).toISOString(),
        secondsLeft: 600,
        tenders: [{ kind: 'card', amountMinor: partial, state: 'authorized', maskedPan: '•••• 0008' }],
      },
    });
    if (first.outcome !== 'partially-approved') return;
    const { sessionId } = first.session;
    // The partial is not captured (the guide): it is an authorization until the balance is paid.
    expect(sandbox.transactions()).toEqual([expect.objectContaining({ kind: 'authorization', status: 'PARTIAL_AUTHORIZED', amountMinor: partial, capturedMinor: 0 })]);

    clock.advance(90_000);
    expect(valueOf(await call('split.list'))).toEqual([expect.objectContaining({ sessionId, secondsLeft: 510, balanceDueMinor: 4000 })]);

    // No tender may exceed the balance due: refused before the card is taken or anything is sent.
    const secondCard = swipe(cards.visa);
    const over = errorOf(await call('split.addCard', { idempotencyKey: newKey(), operatorId: 'op-1', sessionId, amountMinor: 4001, cardHandle: secondCard }));
    expect(over).toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('no tender may exceed the balance due') });
    expect(errorOf(await call('split.addCash', { idempotencyKey: newKey(), operatorId: 'op-1', sessionId, amountMinor: 4001 })).code).toBe('RULE_VIOLATION');
    expect(errorOf(await call('split.complete', { idempotencyKey: newKey(), operatorId: 'op-1', sessionId })).code).toBe('RULE_VIOLATION');
    expect(sandbox.transactions()).toHaveLength(1);

    const second = valueOf(await call('split.addCard', { idempotencyKey: newKey(), operatorId: 'op-1', sessionId, amountMinor: 4000, cardHandle: secondCard }));
    expect(second).toMatchObject({
      outcome: 'approved',
      approvedMinor: 4000,
      session: { state: 'completed', paidMinor: total, balanceDueMinor: 0, secondsLeft: 0 },
    });
    expect(second.session.tenders.map((tender) => [tender.maskedPan, tender.amountMinor, tender.state])).toEqual([
      ['•••• 0008', partial, 'captured'],
      ['•••• 1111', 4000, 'captured'],
    ]);
    expect(charged(sandbox)).toEqual([
      { kind: 'capture', capturedMinor: partial, cardSuffix: '0008' },
      { kind: 'capture', capturedMinor: 4000, cardSuffix: '1111' },
    ]);
    expect(context.journal.splitSession(sessionId)).toMatchObject({ state: 'completed', paidMinor: total });
    expect(valueOf(await call('split.list'))).toEqual([]);
    expect(errorOf(await call('split.cancel', { idempotencyKey: newKey(), operatorId: 'op-1', sessionId })).code).toBe('WRONG_STATE');
  });

  it('cancels by reversing the 60.00 partial authorization', async () => {
    const { call, swipe, sandbox, context } = await payments.start();
    const first = valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: total, cardHandle: swipe(cards.prepaid60), allowPartial: true }));
    if (first.outcome !== 'partially-approved') throw new Error(first.outcome);
    const { sessionId } = first.session;
    const cancelled = valueOf(await call('split.cancel', { idempotencyKey: newKey(), operatorId: 'op-1', sessionId }));
    expect(cancelled).toMatchObject({ state: 'cancelled', paidMinor: 0, balanceDueMinor: total, cashToReturnMinor: 0, tenders: [{ state: 'reversed', amountMinor: partial }] });
    expect(sandbox.transactions().map((entry) => [entry.kind, entry.state, entry.amountMinor])).toEqual([
      ['authorization', 'reversed', partial],
      ['reversal', 'reversed', partial],
    ]);
    expect(charged(sandbox)).toEqual([]);
    expect(context.journal.openSplitSessions()).toEqual([]);
    expect(errorOf(await call('split.addCash', { idempotencyKey: newKey(), operatorId: 'op-1', sessionId, amountMinor: 100 })).code).toBe('WRONG_STATE');
  });

  it('takes cash for the rest of a prepaid card partial, and hands the cash back on cancel', async () => {
    const { call, swipe, sandbox } = await payments.start();
    // The prepaid card holds 25.00 of the 100.00.
    const first = valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 10000, cardHandle: swipe(cards.prepaid), allowPartial: true }));
    if (first.outcome !== 'partially-approved') throw new Error(first.outcome);
    expect(first).toMatchObject({ approvedMinor: 2500, session: { balanceDueMinor: 7500 } });
    const { sessionId } = first.session;
    const part = valueOf(await call('split.addCash', { idempotencyKey: newKey(), operatorId: 'op-1', sessionId, amountMinor: 5000 }));
    expect(part).toMatchObject({ state: 'open', balanceDueMinor: 2500, tenders: [{ kind: 'card' }, { kind: 'cash', amountMinor: 5000, state: 'recorded' }] });
    const paid = valueOf(await call('split.addCash', { idempotencyKey: newKey(), operatorId: 'op-1', sessionId, amountMinor: 2500 }));
    expect(paid).toMatchObject({ state: 'completed', balanceDueMinor: 0 });
    expect(charged(sandbox)).toEqual([{ kind: 'capture', capturedMinor: 2500, cardSuffix: '5100' }]);

    // Another session, cancelled after some cash: the screen is told what to hand back.
    const again = valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 10000, cardHandle: swipe(cards.prepaid), allowPartial: true }));
    if (again.outcome !== 'partially-approved') throw new Error(again.outcome);
    valueOf(await call('split.addCash', { idempotencyKey: newKey(), operatorId: 'op-1', sessionId: again.session.sessionId, amountMinor: 3000 }));
    expect(valueOf(await call('split.cancel', { idempotencyKey: newKey(), operatorId: 'op-1', sessionId: again.session.sessionId }))).toMatchObject({
      state: 'cancelled',
      cashToReturnMinor: 3000,
    });
  });

  it('completes at once when the card approves the whole amount, and cancels at once on a decline', async () => {
    const { call, swipe, context } = await payments.start();
    const full = valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 2000, cardHandle: swipe(cards.debit), allowPartial: true }));
    expect(full).toMatchObject({ outcome: 'approved', receipt: { amountMinor: 2000, maskedPan: '•••• 0005' } });
    if (full.outcome === 'approved') expect(context.journal.splitSession(full.receipt.orderId)?.state).toBe('completed');
    const declined = valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 100021, cardHandle: swipe(cards.visa), allowPartial: true }));
    expect(declined).toMatchObject({ outcome: 'declined', decline: { reason: 'GENERAL_DECLINE', category: '04' } });
    expect(context.journal.openSplitSessions()).toEqual([]);
  });

  it('reverses the partials of a session left unfinished past its window', async () => {
    const clock = testClock();
    const { call, swipe, sandbox, context } = await payments.start({ clock });
    const first = valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: total, cardHandle: swipe(cards.prepaid60), allowPartial: true }));
    if (first.outcome !== 'partially-approved') throw new Error(first.outcome);
    const { sessionId } = first.session;

    clock.advance(10 * 60_000 - 1);
    expect(await sweepSplitSessions(context)).toEqual([]);
    clock.advance(1);
    // Past the deadline no tender is taken, even before the sweep has run.
    expect(errorOf(await call('split.addCash', { idempotencyKey: newKey(), operatorId: 'op-1', sessionId, amountMinor: 4000 }))).toMatchObject({
      code: 'WRONG_STATE',
      message: expect.stringContaining('ran past its window'),
    });
    const swept = await sweepSplitSessions(context);
    expect(swept).toEqual([expect.objectContaining({ sessionId, state: 'cancelled' })]);
    expect(sandbox.transactions().map((entry) => [entry.kind, entry.state])).toEqual([
      ['authorization', 'reversed'],
      ['reversal', 'reversed'],
    ]);
    expect(await sweepSplitSessions(context)).toEqual([]);
  });

  it('keeps an open session across a restart, with its deadline, and finishes it afterwards', async () => {
    const clock = testClock();
    const harness = await payments.start({ clock });
    const first = valueOf(await harness.call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: total, cardHandle: harness.swipe(cards.prepaid60), allowPartial: true }));
    if (first.outcome !== 'partially-approved') throw new Error(first.outcome);

    const { call } = harness.restart();
    expect(valueOf(await call('split.list'))).toEqual([first.session]);
    const done = valueOf(await call('split.addCard', { idempotencyKey: newKey(), operatorId: 'op-2', sessionId: first.session.sessionId, amountMinor: 4000, cardHandle: harness.swipe(cards.mastercard) }));
    expect(done.session).toMatchObject({ state: 'completed', balanceDueMinor: 0 });
    expect(charged(harness.sandbox).map((entry) => entry.capturedMinor)).toEqual([partial, 4000]);
  });

  it('answers unknown sessions with NOT_FOUND', async () => {
    const { call } = await payments.start();
    for (const result of [
      await call('split.addCash', { idempotencyKey: newKey(), operatorId: 'op-1', sessionId: 'SPLIT-none', amountMinor: 100 }),
      await call('split.cancel', { idempotencyKey: newKey(), operatorId: 'op-1', sessionId: 'SPLIT-none' }),
      await call('split.complete', { idempotencyKey: newKey(), operatorId: 'op-1', sessionId: 'SPLIT-none' }),
    ]) {
      expect(errorOf(result)).toMatchObject({ code: 'NOT_FOUND', fields: [{ field: 'sessionId' }] });
    }
  });

  it('at start, recovers first and then reverses what expired while the terminal was off', async () => {
    const clock = testClock();
    const harness = await payments.start({ clock });
    const first = valueOf(await harness.call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: total, cardHandle: harness.swipe(cards.prepaid60), allowPartial: true }));
    if (first.outcome !== 'partially-approved') throw new Error(first.outcome);
    clock.advance(11 * 60_000);

    const { context } = harness.restart();
    const housekeeping = startHousekeeping(context, { sweepEveryMs: 60_000 });
    await housekeeping.ready;
    housekeeping.stop();
    expect(context.journal.splitSession(first.session.sessionId)?.state).toBe('cancelled');
    expect(harness.sandbox.transactions().map((entry) => [entry.kind, entry.state])).toEqual([
      ['authorization', 'reversed'],
      ['reversal', 'reversed'],
    ]);
  });
});
