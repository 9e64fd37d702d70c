import { describe, expect, it } from 'vitest';
import { maxDeclinesPerCard } from '../../../main/payments/decline-policy';
import { cards, errorOf, newKey, testClock, usePayments, valueOf } from './payments-fixture';

const payments = usePayments();

describe('declines and the retry rules', () => {
  it('never tries a card again after a category 01 decline', async () => {
    const { call, swipe, sandbox } = await payments.start();
    // 1000.01: STOLEN_LOST_CARD, category 01 ISSUER_WILL_NEVER_APPROVE.
    const first = valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 100001, cardHandle: swipe(cards.visa) }));
    expect(first).toEqual({ outcome: 'declined', decline: expect.objectContaining({ reason: 'STOLEN_LOST_CARD', category: '01', retryAllowed: false }) });

    // Another amount, another key, the same card: refused before anything is sent.
    const retry = errorOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 500, cardHandle: swipe(cards.visa) }));
    expect(retry).toMatchObject({ code: 'DECLINED_NO_RETRY', message: expect.stringContaining('category 01') });
    expect(errorOf(await call('preauth.create', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 500, cardHandle: swipe(cards.visa) })).code).toBe('DECLINED_NO_RETRY');
    expect(sandbox.transactions()).toHaveLength(1);

    // Another card is fine.
    expect(valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 500, cardHandle: swipe(cards.mastercard) }))).toMatchObject({ outcome: 'approved' });
  });

  it('allows at most 15 declines per card in 30 days: the 16th attempt is refused, and the window moves on', async () => {
    const clock = testClock();
    const { call, swipe, sandbox } = await payments.start({ clock });
    const decline = async () => valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 100005, cardHandle: swipe(cards.visa) }));
    for (let count = 1; count < maxDeclinesPerCard; count += 1) {
      expect(await decline()).toMatchObject({ outcome: 'declined', decline: { category: '02', retryAllowed: true, declinesInWindow: count } });
      clock.advance(60_000);
    }
    expect(await decline()).toMatchObject({ outcome: 'declined', decline: { retryAllowed: false, declinesInWindow: 15 } });

    const sixteenth = errorOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 100, cardHandle: swipe(cards.visa) }));
    expect(sixteenth).toMatchObject({ code: 'DECLINED_NO_RETRY', message: expect.stringContaining('15 times in 30 days') });
    expect(sandbox.transactions()).toHaveLength(15);

    // 30 days after the first decline it falls out of the window.
    clock.advance(30 * 24 * 60 * 60_000 - 14 * 60_000 + 1);
    expect(valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 100, cardHandle: swipe(cards.visa) }))).toMatchObject({ outcome: 'approved' });
  });
});
