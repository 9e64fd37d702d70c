import { describe, expect, it } from 'vitest';
import { cards, charged, errorOf, newKey, usePayments, valueOf } from './payments-fixture';

const payments = usePayments();

describe('sale', () => {
  it('charges a swiped card and returns the receipt data', async () => {
    const { call, swipe, sandbox, context } = await payments.start();
    const result = valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 10221, cardHandle: swipe(cards.visa) }));
    expect(result).toMatchObject({
      outcome: 'approved',
      receipt: { storeName: 'Counter', terminalId: 'COUNTER1', kind: 'sale', amountMinor: 10221, currency: 'USD', maskedPan: '•••• 1111', brand: 'visa', entryMode: 'swiped' },
    });
    if (result.outcome !== 'approved') return;
    expect(result.receipt.approvalCode).toMatch(/^\w{6}$/);
    expect(result.receipt.gatewayId).toMatch(/^\d{22}$/);
    expect(Date.parse(result.receipt.time)).not.toBeNaN();

    expect(charged(sandbox)).toEqual([{ kind: 'sale', capturedMinor: 10221, cardSuffix: '1111' }]);
    const [sale] = sandbox.transactions();
    expect(sale).toMatchObject({ clientReferenceCode: result.receipt.orderId, clientTransactionId: result.receipt.transactionId });
    expect(context.journal.order(result.receipt.orderId)).toMatchObject({ kind: 'sale', state: 'paid', capturedMinor: 10221 });
    expect(context.journal.attempt(result.receipt.transactionId)).toMatchObject({ kind: 'sale', status: 'approved', cardFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('charges keyed, inserted and tapped cards with their entry modes', async () => {
    const { call, key, insert, tap, sandbox } = await payments.start();
    const entry = async (cardHandle: string) => {
      const result = valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 1299, cardHandle }));
      return result.outcome === 'approved' ? [result.receipt.entryMode, result.receipt.brand] : [result.outcome];
    };
    expect(await entry(key(cards.mastercard, undefined, '123'))).toEqual(['keyed', 'mastercard']);
    expect(await entry(insert(cards.visa))).toEqual(['contact', 'visa']);
    expect(await entry(tap(cards.visa))).toEqual(['contactless', 'visa']);
    expect(charged(sandbox)).toHaveLength(3);
  });

  it('answers a decline with its reason and whether the card may be tried again', async () => {
    const { call, swipe, context } = await payments.start();
    // 1000.05: the sandbox declines INSUFFICIENT_FUND, category 02 (the issuer cannot approve at this time).
    const result = valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 100005, cardHandle: swipe(cards.visa) }));
    expect(result).toEqual({
      outcome: 'declined',
      decline: {
        reason: 'INSUFFICIENT_FUND', message: expect.any(String), category: '02', retryAllowed: true, declinesInWindow: 1, declineLimit: 15,
        declinedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), reference: expect.stringMatching(/^SALE-/),
      },
    });
    expect(context.journal.openPreAuths()).toEqual([]);
  });

  it('sends the same idempotency key once: a repeat and a double-click get the first result', async () => {
    const { call, swipe, sandbox } = await payments.start();
    const idempotencyKey = newKey();
    const cardHandle = swipe(cards.visa);
    const args = { idempotencyKey, operatorId: 'op-1', amountMinor: 2500, cardHandle };
    const [first, second] = await Promise.all([call('sale.charge', args), call('sale.charge', args)]);
    const third = await call('sale.charge', args);
    expect(valueOf(first)).toMatchObject({ outcome: 'approved' });
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(sandbox.transactions()).toHaveLength(1);

    // The same key for another amount is a different question: refused, nothing sent.
    const reused = errorOf(await call('sale.charge', { ...args, amountMinor: 2600 }));
    expect(reused).toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('idempotency key') });
    expect(sandbox.transactions()).toHaveLength(1);
  });

  it('undoes a sale whose answer was lost, at once, so nothing stays charged', async () => {
    const { call, swipe, sandbox, context } = await payments.start();
    await sandbox.faults.set({ kind: 'drop', processed: true, times: 1, path: '/pts/v2/payments' });
    const result = valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 4200, cardHandle: swipe(cards.visa) }));
    expect(result).toMatchObject({ outcome: 'not-charged' });
    expect(sandbox.transactions().map((entry) => [entry.kind, entry.state])).toEqual([
      ['sale', 'reversed'],
      ['reversal', 'reversed'],
    ]);
    expect(charged(sandbox)).toEqual([]);
    expect(context.journal.unresolvedAttempts()).toEqual([]);
    const [sale] = context.journal.history({ orderId: sandbox.transactions()[0]?.clientReferenceCode ?? '' });
    expect(sale).toMatchObject({ kind: 'sale', status: 'resolved' });
  });

  it('refuses bad input with typed errors naming the rule, and leaves the journal unchanged', async () => {
    const { call, swipe, sandbox, context, configure } = await payments.start();
    configure({ maxAmountMinor: 50_000 });
    const cardHandle = swipe(cards.visa);
    const attempt = (amountMinor: unknown, handle: unknown = cardHandle) =>
      call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor, cardHandle: handle } as never).then(errorOf);

    expect(await attempt(0)).toMatchObject({ code: 'INVALID_ARGUMENT', fields: [{ field: 'amountMinor', message: 'must be more than zero' }] });
    expect(await attempt(-100)).toMatchObject({ code: 'INVALID_ARGUMENT', fields: [{ field: 'amountMinor' }] });
    expect(await attempt(12.5)).toMatchObject({ code: 'INVALID_ARGUMENT', fields: [{ field: 'amountMinor', message: 'must be a whole number of minor units' }] });
    expect(await attempt('10.00')).toMatchObject({ code: 'INVALID_ARGUMENT', fields: [{ field: 'amountMinor' }] });
    expect(await attempt(50_001)).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('over the configured maximum of 500.00 USD') });
    expect(await attempt(100, `card_${'0'.repeat(32)}`)).toMatchObject({ code: 'NOT_FOUND', fields: [{ field: 'cardHandle' }] });
    expect(await attempt(100, '4111111111111111')).toMatchObject({ code: 'INVALID_ARGUMENT', fields: [{ field: 'cardHandle' }] });
    expect(errorOf(await call('sale.charge', { idempotencyKey: 'short', operatorId: 'op 1', amountMinor: 100, cardHandle } as never)).fields?.map((f) => f.field)).toEqual([
      'idempotencyKey',
      'operatorId',
    ]);

    expect(sandbox.transactions()).toEqual([]);
    expect(context.journal.unresolvedAttempts()).toEqual([]);
    expect(context.journal.bookRows({ fromMs: 0, toMs: Date.now() + 86_400_000 }).attempts).toEqual([]);
    // The refusals above never took the card: it still pays.
    expect(valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 100, cardHandle }))).toMatchObject({ outcome: 'approved' });
  });

  it('never logs the card number or track data', async () => {
    const { call, swipe, logLines } = await payments.start();
    valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 100005, cardHandle: swipe(cards.visa) }));
    valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 300, cardHandle: swipe(cards.visa) }));
    expect(logLines.join('')).not.toContain('4111111111111111');
    expect(logLines.join('')).not.toContain('TEST/CARDHOLDER');
  });
});
