import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { maxDeclinesPerCard } from '../../../main/payments/decline-policy';
import { managerGate } from '../../../main/payments/manager-approval';
import { createManagerDirectory } from '../../../main/payments/manager-directory';
import { approval, useFrontDesk, type FrontDesk } from './front-desk-fixture';
import { callerFor, cards, errorOf, newKey, testClock, valueOf, type Call } from './payments-fixture';

const frontDesk = useFrontDesk();
/** A store in New York whose business day turns at 04:00; the test clock starts at 04:00 EST on 21 November. */
const newYork = { timeZone: 'America/New_York', cutoffHour: 4 };

/** The front desk (managers, voice authorization) and the sales channels with the same manager gate. */
async function counter(clock = testClock()): Promise<{ desk: FrontDesk; sales: Call }> {
  const desk = await frontDesk({ clock });
  desk.configure({ businessDay: newYork });
  const sales = callerFor(desk.context, managerGate(desk.context.journal, createManagerDirectory(desk.secrets), desk.context.logger));
  return { desk, sales };
}

function approvalsOf(desk: FrontDesk, action: string): { verdict: string; manager_id: string }[] {
  const db = new Database(desk.context.journal.filePath, { readonly: true });
  try {
    return db.prepare(`SELECT verdict, manager_id FROM manager_approvals WHERE action = ? ORDER BY id`).all(action) as { verdict: string; manager_id: string }[];
  } finally {
    db.close();
  }
}

describe('declines and the retry rules', () => {
  it('refuses a category 01 sale tried again, and holds the card back from a new sale, naming the day, until a manager lets it through', async () => {
    const clock = testClock(new Date('2026-11-21T20:00:00Z')); // 15:00 in New York
    const { desk, sales } = await counter(clock);
    // 1000.01: STOLEN_LOST_CARD, category 01 ISSUER_WILL_NEVER_APPROVE. The Sale screen always allows a partial approval.
    const first = valueOf(await sales('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 1000_01, cardHandle: desk.swipe(cards.visa), allowPartial: true }));
    expect(first).toMatchObject({ outcome: 'declined', decline: { reason: 'STOLEN_LOST_CARD', category: '01', retryAllowed: false, declinedOn: '2026-11-21', declineLimit: 15 } });
    if (first.outcome !== 'declined') throw new Error('unreachable');

    // The same sale tried again with the same card: refused outright, nothing sent.
    const again = valueOf(await sales('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 1000_01, cardHandle: desk.swipe(cards.visa), allowPartial: true, retryOf: first.decline.reference }));
    expect(again).toEqual({ outcome: 'card-refused', refusal: expect.objectContaining({ rule: 'same-transaction', overridable: false, card: null }) });
    // A manager cannot let it through for that transaction either.
    const forced = valueOf(await sales('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 1000_01, cardHandle: desk.swipe(cards.visa), retryOf: first.decline.reference, override: approval }));
    expect(forced).toMatchObject({ outcome: 'card-refused', refusal: { rule: 'same-transaction' } });
    expect(desk.sandbox.transactions()).toHaveLength(1);

    // A new sale three days later (at 01:00 in New York, still the business day before): named day, the card handed back for the override.
    clock.set(new Date('2026-11-24T06:00:00Z'));
    const held = valueOf(await sales('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 12_50, cardHandle: desk.swipe(cards.visa), allowPartial: true }));
    expect(held).toMatchObject({
      outcome: 'card-refused',
      refusal: { rule: 'issuer-never-approves', declinedOn: '2026-11-21', clearsOn: '2026-12-21', declinesInWindow: 1, overridable: true, card: { maskedPan: '•••• 1111', brand: 'visa' } },
    });
    if (held.outcome !== 'card-refused' || !held.refusal.card) throw new Error('unreachable');
    const handedBack = held.refusal.card.handle;
    // Other flows refuse it with the day and where the override is.
    const preAuth = errorOf(await sales('preauth.create', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 12_50, cardHandle: desk.swipe(cards.visa) }));
    expect(preAuth).toMatchObject({ code: 'DECLINED_NO_RETRY', message: expect.stringMatching(/2026-11-21.*will never approve.*Sale screen/) });

    // A wrong PIN: refused before the card is taken, so the handed-back card still serves the right one.
    const wrong = errorOf(await sales('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 12_50, cardHandle: handedBack, allowPartial: true, override: { ...approval, pin: '0000' } }));
    expect(wrong.code).toBe('FORBIDDEN');
    const letThrough = valueOf(await sales('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 12_50, cardHandle: handedBack, allowPartial: true, override: approval }));
    expect(letThrough).toMatchObject({ outcome: 'approved', receipt: { amountMinor: 12_50, maskedPan: '•••• 1111' } });
    expect(approvalsOf(desk, 'decline-override')).toEqual([
      { verdict: 'granted', manager_id: approval.managerId }, // the refused same-transaction try
      { verdict: 'wrong-pin', manager_id: approval.managerId },
      { verdict: 'granted', manager_id: approval.managerId },
    ]);

    // On business day 2026-12-21 (04:00 in New York) the card is like any other.
    clock.set(new Date('2026-12-21T08:59:59Z'));
    expect(valueOf(await sales('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 5_00, cardHandle: desk.swipe(cards.visa) }))).toMatchObject({ outcome: 'card-refused' });
    clock.set(new Date('2026-12-21T09:00:00Z'));
    expect(valueOf(await sales('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 5_00, cardHandle: desk.swipe(cards.visa) }))).toMatchObject({ outcome: 'approved' });
  });

  it('counts declines up to 15 in 30 business days: the 16th attempt is refused, and the window moves on', async () => {
    const clock = testClock();
    const { desk, sales } = await counter(clock);
    const decline = async () => valueOf(await sales('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 1000_05, cardHandle: desk.swipe(cards.visa) }));
    for (let count = 1; count < maxDeclinesPerCard; count += 1) {
      expect(await decline()).toMatchObject({ outcome: 'declined', decline: { category: '02', retryAllowed: true, declinesInWindow: count, declineLimit: 15 } });
      clock.advance(60_000);
    }
    expect(await decline()).toMatchObject({ outcome: 'declined', decline: { retryAllowed: false, declinesInWindow: 15 } });

    const sixteenth = valueOf(await sales('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 1_00, cardHandle: desk.swipe(cards.visa), override: approval }));
    expect(sixteenth).toMatchObject({ outcome: 'card-refused', refusal: { rule: 'retry-limit', declinesInWindow: 15, declinedOn: '2026-11-21', clearsOn: '2026-12-21', overridable: false, card: null } });
    expect(desk.sandbox.transactions()).toHaveLength(15);

    // Business day 2026-12-21 starts at 04:00 EST (09:00 UTC): the first day's declines have left the window.
    clock.set(new Date('2026-12-21T09:00:00Z'));
    expect(valueOf(await sales('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 1_00, cardHandle: desk.swipe(cards.visa) }))).toMatchObject({ outcome: 'approved' });
    // Another card was never affected.
    expect(valueOf(await sales('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 1_00, cardHandle: desk.swipe(cards.mastercard) }))).toMatchObject({ outcome: 'approved' });
  });

  it('turns a "call the issuer" decline into a voice authorization of the same amount on the same card, without a second swipe', async () => {
    const { desk, sales } = await counter();
    // 1000.30: CONTACT_PROCESSOR, the sandbox's "call the issuer".
    const declined = valueOf(await sales('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 1000_30, cardHandle: desk.swipe(cards.visa), allowPartial: true }));
    expect(declined).toMatchObject({ outcome: 'declined', decline: { reason: 'CONTACT_PROCESSOR', callIssuer: { amountMinor: 1000_30, card: { maskedPan: '•••• 1111', entryMode: 'swiped' } } } });
    if (declined.outcome !== 'declined' || !declined.decline.callIssuer) throw new Error('unreachable');
    const { amountMinor, card } = declined.decline.callIssuer;

    const voice = await desk.ok('voice.forceCapture', { idempotencyKey: newKey(), operatorId: 'op-1', cardHandle: card.handle, amountMinor, verbalAuthCode: 'VA1030', approval });
    expect(voice.capture).toMatchObject({ kind: 'forced-capture', status: 'approved', approvedMinor: 1000_30, approvalCode: 'VA1030' });
    expect(voice.receipt).toMatchObject({ voiceAuthorized: true, maskedPan: '•••• 1111' });
    // A decline that is not a referral offers no voice authorization.
    const plain = valueOf(await sales('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 1000_05, cardHandle: desk.swipe(cards.mastercard) }));
    expect(plain).toMatchObject({ outcome: 'declined', decline: { reason: 'INSUFFICIENT_FUND' } });
    expect(plain.outcome === 'declined' && plain.decline.callIssuer).toBeFalsy();
  });
});
