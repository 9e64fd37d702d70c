import { describe, expect, it } from 'vitest';
import { cards, charged, errorOf, newKey, testClock, usePayments, valueOf } from './payments-fixture';

const payments = usePayments();
const dayMs = 24 * 60 * 60_000;

describe('pre-auth', () => {
  it('authorizes with the pre-auth indicator, lists it with its age, and captures the final amount', async () => {
    const clock = testClock();
    const { call, swipe, sandbox, context } = await payments.start({ clock });
    const created = valueOf(await call('preauth.create', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 15000, cardHandle: swipe(cards.visa) }));
    expect(created).toMatchObject({ outcome: 'approved', preAuth: { state: 'authorized', authorizedMinor: 15000, capturedMinor: 0, maskedPan: '•••• 1111', ageDays: 0, ageStatus: 'ok' } });
    if (created.outcome !== 'approved') return;
    const { orderId } = created.preAuth;
    expect(sandbox.transactions()).toEqual([expect.objectContaining({ kind: 'authorization', state: 'authorized', authorizedMinor: 15000, clientReferenceCode: orderId })]);

    clock.advance(25 * dayMs);
    expect(valueOf(await call('preauth.list'))).toEqual([expect.objectContaining({ orderId, ageDays: 25, ageStatus: 'warn' })]);
    clock.advance(5 * dayMs);
    expect(valueOf(await call('preauth.list'))).toEqual([expect.objectContaining({ orderId, ageDays: 30, ageStatus: 'flag' })]);

    const captured = valueOf(await call('preauth.capture', { idempotencyKey: newKey(), operatorId: 'op-2', orderId, amountMinor: 12000 }));
    expect(captured).toMatchObject({
      outcome: 'captured',
      incrementedMinor: 0,
      receipt: { kind: 'capture', amountMinor: 12000, maskedPan: '•••• 1111', orderId },
      preAuth: { state: 'paid', authorizedMinor: 15000, capturedMinor: 12000 },
    });
    expect(charged(sandbox)).toEqual([{ kind: 'capture', capturedMinor: 12000, cardSuffix: '1111' }]);
    expect(valueOf(await call('preauth.list'))).toEqual([]);
    expect(context.journal.order(orderId)).toMatchObject({ state: 'paid', capturedMinor: 12000 });

    // A second capture of the same pre-auth (another key): refused, nothing sent.
    expect(errorOf(await call('preauth.capture', { idempotencyKey: newKey(), operatorId: 'op-2', orderId, amountMinor: 3000 }))).toMatchObject({
      code: 'WRONG_STATE',
      message: expect.stringContaining('is paid'),
    });
    expect(sandbox.transactions()).toHaveLength(2);
  });

  it('asks for an incremental authorization first when the final amount is above the hold', async () => {
    const { call, swipe, sandbox } = await payments.start();
    const created = valueOf(await call('preauth.create', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 10000, cardHandle: swipe(cards.visa) }));
    if (created.outcome !== 'approved') throw new Error(created.outcome);
    const captured = valueOf(await call('preauth.capture', { idempotencyKey: newKey(), operatorId: 'op-1', orderId: created.preAuth.orderId, amountMinor: 14550 }));
    expect(captured).toMatchObject({ outcome: 'captured', incrementedMinor: 4550, preAuth: { authorizedMinor: 14550, capturedMinor: 14550, state: 'paid' } });
    expect(sandbox.transactions().map((entry) => [entry.kind, entry.requestedMinor])).toEqual([
      ['authorization', 10000],
      ['incremental', 4550],
      ['capture', 14550],
    ]);
    expect(sandbox.transactions()[0]).toMatchObject({ authorizedMinor: 14550, capturedMinor: 14550 });
  });

  it('refuses the capture with a clear error when the incremental authorization is declined (over-capture)', async () => {
    const { call, swipe, sandbox, context } = await payments.start();
    // The debit card holds 499.01: 400.00 fits, an increment of 200.00 on top would pass the balance.
    const created = valueOf(await call('preauth.create', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 40000, cardHandle: swipe(cards.debit) }));
    if (created.outcome !== 'approved') throw new Error(created.outcome);
    const { orderId } = created.preAuth;
    const args = { idempotencyKey: newKey(), operatorId: 'op-1', orderId, amountMinor: 60000 };
    const refused = errorOf(await call('preauth.capture', args));
    expect(refused).toMatchObject({ code: 'DECLINED', message: expect.stringContaining('the incremental authorization of 200.00 USD was declined') });
    expect(refused.message).toContain('capture at most 400.00 USD');
    // The same key again repeats the refusal without sending the increment again.
    expect(errorOf(await call('preauth.capture', args))).toEqual(refused);
    expect(sandbox.transactions().map((entry) => [entry.kind, entry.state])).toEqual([
      ['authorization', 'authorized'],
      ['incremental', 'declined'],
    ]);
    expect(context.journal.order(orderId)).toMatchObject({ state: 'authorized', authorizedMinor: 40000, capturedMinor: 0 });
    // What the hold covers can still be captured.
    expect(valueOf(await call('preauth.capture', { idempotencyKey: newKey(), operatorId: 'op-1', orderId, amountMinor: 40000 }))).toMatchObject({ outcome: 'captured' });
  });

  it('releases the whole hold, and refuses to capture a released pre-auth', async () => {
    const { call, swipe, sandbox, context } = await payments.start();
    const created = valueOf(await call('preauth.create', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 8000, cardHandle: swipe(cards.mastercard) }));
    if (created.outcome !== 'approved') throw new Error(created.outcome);
    const { orderId } = created.preAuth;
    expect(valueOf(await call('preauth.release', { idempotencyKey: newKey(), operatorId: 'op-1', orderId }))).toMatchObject({ outcome: 'released', preAuth: { state: 'released' } });
    expect(sandbox.transactions().map((entry) => [entry.kind, entry.state, entry.amountMinor])).toEqual([
      ['authorization', 'reversed', 8000],
      ['reversal', 'reversed', 8000],
    ]);

    const before = context.journal.history({ orderId });
    expect(errorOf(await call('preauth.capture', { idempotencyKey: newKey(), operatorId: 'op-1', orderId, amountMinor: 8000 }))).toMatchObject({
      code: 'WRONG_STATE',
      message: `pre-auth ${orderId} is released: only an authorized pre-auth can be captured`,
    });
    expect(errorOf(await call('preauth.release', { idempotencyKey: newKey(), operatorId: 'op-1', orderId })).code).toBe('WRONG_STATE');
    expect(context.journal.history({ orderId })).toEqual(before);
    expect(sandbox.transactions()).toHaveLength(2);
  });

  it('answers unknown ids and bad amounts with typed errors', async () => {
    const { call, sandbox, configure } = await payments.start();
    configure({ maxAmountMinor: 20000 });
    expect(errorOf(await call('preauth.capture', { idempotencyKey: newKey(), operatorId: 'op-1', orderId: 'PRE-nothing', amountMinor: 100 }))).toMatchObject({
      code: 'NOT_FOUND',
      fields: [{ field: 'orderId' }],
    });
    expect(errorOf(await call('preauth.release', { idempotencyKey: newKey(), operatorId: 'op-1', orderId: 'PRE-nothing' })).code).toBe('NOT_FOUND');
    expect(errorOf(await call('preauth.capture', { idempotencyKey: newKey(), operatorId: 'op-1', orderId: 'bad id!', amountMinor: 100 })).code).toBe('INVALID_ARGUMENT');
    expect(errorOf(await call('preauth.create', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 20001, cardHandle: `card_${'a'.repeat(32)}` })).code).toBe('INVALID_ARGUMENT');
    expect(sandbox.transactions()).toEqual([]);
  });
});
