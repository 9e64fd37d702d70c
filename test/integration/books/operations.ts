/**
 * The counter's day as random operations: what fast-check generates, and how each runs against
 * the rig through the same channels the screens call. An operation whose target does not exist
 * (no open tab, nothing to void…) does nothing; a refusal is part of the day, not a failure —
 * the books are checked after the whole sequence.
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { BooksRig, Call } from './books-rig';

/** The manager the suite creates once, whose PIN approves voids, refunds and late charges. */
export const manager = { managerId: 'mgr-books', pin: '246810' };

/** Test cards by what they do: credit cards approve; the balance cards approve up to their balance (partially with allowPartial). */
export const testCards = {
  visa: '4111111111111111',
  mastercard: '5555555555554444',
  amex: '378282246310005',
  /** Visa debit, balance 499.01. */
  debit: '4005510000000005',
  /** Mastercard prepaid, balance 25.00. */
  prepaid25: '5105105105105100',
  /** Discover prepaid, balance 60.00. */
  prepaid60: '6011000999900008',
} as const;
type CardName = keyof typeof testCards;
const cardName = fc.constantFrom(...(Object.keys(testCards) as CardName[]));
const entry = fc.constantFrom('swipe', 'insert', 'tap', 'key' as const);

/** Everyday amounts (no sandbox trigger below 1,000.00), often under the 50.00 offline floor limit. */
const amount = fc.oneof(fc.integer({ min: 100, max: 5_000 }), fc.integer({ min: 5_001, max: 90_000 }));
const pick = fc.nat({ max: 7 });

export type MoneyOperation =
  | { op: 'sale'; amountMinor: number; card: CardName; entry: 'swipe' | 'insert' | 'tap' | 'key'; allowPartial: boolean }
  | { op: 'split-cash'; pick: number }
  | { op: 'split-card'; pick: number; card: CardName }
  | { op: 'split-cancel'; pick: number }
  | { op: 'preauth'; amountMinor: number; card: CardName }
  | { op: 'capture'; pick: number; against: 'below' | 'at' | 'above'; deltaMinor: number }
  | { op: 'release'; pick: number }
  | { op: 'tab-open'; card: CardName; nights: number; rateMinor: number; incidentalsMinor: number; storeCard: boolean }
  | { op: 'tab-charge'; pick: number; amountMinor: number }
  | { op: 'checkout'; pick: number }
  | { op: 'late-charge'; pick: number; amountMinor: number }
  | { op: 'void'; pick: number }
  | { op: 'refund'; pick: number; partial: boolean }
  | { op: 'forward' };

type FaultKind = 'hang' | 'drop' | 'error';
const faultKind = fc.constantFrom('hang', 'drop', 'error' as const);

/** Which requests a fault meets: any, new payments (sales, authorizations), or undos (reversals and voids). */
type FaultTarget = 'any' | 'payments' | 'undos';
const faultPaths: Record<FaultTarget, RegExp | undefined> = { any: undefined, payments: /^\/pts\/v2\/payments$/, undos: /\/(reversals|voids)$/ };

export type Operation =
  | MoneyOperation
  /** A fault on the gateway's next `times` requests to `on` (an undo sent right after a lost answer may meet it too). */
  | { op: 'fault'; kind: FaultKind; processed: boolean; times: number; on: FaultTarget }
  /**
   * The gateway goes down (right away, or after taking the next request and losing its answer),
   * the counter trades through it, and it comes back: cleanly, or with the first undos failing.
   */
  | { op: 'outage'; midRequest: boolean; during: MoneyOperation[]; back: 'clean' | FaultKind }
  /** The sandbox's batch closes now: what was captured settles and can only be refunded. */
  | { op: 'batch-close' }
  | { op: 'restart' }
  | { op: 'crash'; processed: boolean; during: MoneyOperation };

const moneyOperation: fc.Arbitrary<MoneyOperation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('sale' as const), amountMinor: amount, card: cardName, entry, allowPartial: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('split-cash' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('split-card' as const), pick, card: cardName }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('split-cancel' as const), pick }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('preauth' as const), amountMinor: amount, card: cardName }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('capture' as const), pick, against: fc.constantFrom('below', 'at', 'above' as const), deltaMinor: fc.integer({ min: 1, max: 2_000 }) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('release' as const), pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('tab-open' as const),
      card: cardName,
      nights: fc.integer({ min: 1, max: 3 }),
      rateMinor: fc.integer({ min: 1_000, max: 20_000 }),
      incidentalsMinor: fc.constantFrom(0, 5_000),
      storeCard: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('tab-charge' as const), pick, amountMinor: fc.integer({ min: 500, max: 30_000 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('checkout' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('late-charge' as const), pick, amountMinor: fc.integer({ min: 500, max: 9_000 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('void' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('refund' as const), pick, partial: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('forward' as const) }) },
);

/** A sale under the offline floor limit: what the counter can still take while the gateway is down. */
const smallSale: fc.Arbitrary<MoneyOperation> = fc.record({
  op: fc.constant('sale' as const),
  amountMinor: fc.integer({ min: 100, max: 5_000 }),
  card: cardName,
  entry,
  allowPartial: fc.boolean(),
});

export const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 20, arbitrary: moneyOperation },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('fault' as const), kind: faultKind, processed: fc.boolean(), times: fc.integer({ min: 1, max: 3 }), on: fc.constantFrom('any', 'payments', 'undos' as const) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('outage' as const),
      midRequest: fc.boolean(),
      during: fc.array(fc.oneof({ weight: 3, arbitrary: smallSale }, { weight: 1, arbitrary: moneyOperation }), { minLength: 1, maxLength: 3 }),
      back: fc.oneof(fc.constant('clean' as const), faultKind),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('batch-close' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('restart' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('crash' as const), processed: fc.boolean(), during: moneyOperation }) },
);

/** What a sequence remembers between operations: the tabs it opened (checked-out ones leave the open list). */
export interface SequenceMemory {
  tabIds: string[];
}

const key = (): string => `k${randomUUID().replaceAll('-', '')}`;
const operatorId = 'op-books';
const nth = <T>(items: readonly T[], index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);

export async function runOperation(rig: BooksRig, memory: SequenceMemory, operation: Operation): Promise<void> {
  const { sandbox } = rig.harness;
  switch (operation.op) {
    case 'fault': {
      const path = faultPaths[operation.on];
      await sandbox.faults.set({ kind: operation.kind, processed: operation.processed, times: operation.times, ...(path ? { path } : {}) });
      return;
    }
    case 'outage': {
      if (operation.midRequest) await rig.outageAfterNextRequest();
      else await sandbox.faults.set({ kind: 'refuse' });
      for (const each of operation.during) await runMoney(rig, rig.call, memory, each);
      await rig.endOutage();
      // Back: listening again, the undos failing first when asked (a lossy link, a gateway still waking up).
      if (operation.back === 'clean') await sandbox.faults.clear();
      else await sandbox.faults.set({ kind: operation.back, processed: false, times: 2, path: faultPaths.undos });
      // The health probe notices and wakes the forwarder, as on the counter; the sequence goes on once that pass is done.
      await rig.health.probeNow();
      await rig.service.forwarder.drain();
      return;
    }
    case 'batch-close':
      sandbox.settle();
      return;
    case 'restart':
      await rig.restart();
      return;
    case 'crash':
      await rig.crashDuring((call) => runMoney(rig, call, memory, operation.during), operation.processed);
      return;
    default:
      await runMoney(rig, rig.call, memory, operation);
  }
}

async function runMoney(rig: BooksRig, call: Call, memory: SequenceMemory, operation: MoneyOperation): Promise<void> {
  const money = { idempotencyKey: key(), operatorId };
  const card = (name: CardName, how: 'swipe' | 'insert' | 'tap' | 'key' = 'swipe'): string => rig.harness[how](testCards[name]);
  const openSession = async (index: number) => {
    const sessions = await call('split.list');
    return sessions.ok ? nth(sessions.value.filter((session) => session.state === 'open'), index) : undefined;
  };
  const authorizedPreAuth = async (index: number) => {
    const preAuths = await call('preauth.list');
    return preAuths.ok ? nth(preAuths.value.filter((preAuth) => preAuth.state === 'authorized'), index) : undefined;
  };
  const voidable = async (index: number) => {
    const captures = await call('voids.list');
    return captures.ok ? nth(captures.value, index) : undefined;
  };
  switch (operation.op) {
    case 'sale':
      await call('sale.charge', { ...money, amountMinor: operation.amountMinor, cardHandle: card(operation.card, operation.entry), allowPartial: operation.allowPartial });
      return;
    case 'split-cash': {
      const session = await openSession(operation.pick);
      if (session) await call('split.addCash', { ...money, sessionId: session.sessionId, amountMinor: session.balanceDueMinor });
      return;
    }
    case 'split-card': {
      const session = await openSession(operation.pick);
      if (session) await call('split.addCard', { ...money, sessionId: session.sessionId, amountMinor: session.balanceDueMinor, cardHandle: card(operation.card) });
      return;
    }
    case 'split-cancel': {
      const session = await openSession(operation.pick);
      if (session) await call('split.cancel', { ...money, sessionId: session.sessionId });
      return;
    }
    case 'preauth':
      await call('preauth.create', { ...money, amountMinor: operation.amountMinor, cardHandle: card(operation.card, 'insert') });
      return;
    case 'capture': {
      const preAuth = await authorizedPreAuth(operation.pick);
      if (!preAuth) return;
      const delta = { below: -Math.min(operation.deltaMinor, preAuth.authorizedMinor - 1), at: 0, above: operation.deltaMinor }[operation.against];
      await call('preauth.capture', { ...money, orderId: preAuth.orderId, amountMinor: preAuth.authorizedMinor + delta });
      return;
    }
    case 'release': {
      const preAuth = await authorizedPreAuth(operation.pick);
      if (preAuth) await call('preauth.release', { ...money, orderId: preAuth.orderId });
      return;
    }
    case 'tab-open': {
      const opened = await call('tabs.open', {
        ...money,
        cardHandle: card(operation.card, 'insert'),
        guestName: 'Guest Books',
        room: '101',
        nights: operation.nights,
        nightlyRateMinor: operation.rateMinor,
        incidentalsMinor: operation.incidentalsMinor,
        headroomMinor: 0,
        storeCard: operation.storeCard,
      });
      if (opened.ok) memory.tabIds.push(opened.value.tab.tabId);
      return;
    }
    case 'tab-charge': {
      const tabId = nth(memory.tabIds, operation.pick);
      if (tabId) await call('tabs.addCharge', { ...money, tabId, category: 'minibar', amountMinor: operation.amountMinor });
      return;
    }
    case 'checkout': {
      const tabId = nth(memory.tabIds, operation.pick);
      if (tabId) await call('tabs.checkout', { ...money, tabId });
      return;
    }
    case 'late-charge': {
      const tabId = nth(memory.tabIds, operation.pick);
      if (tabId) await call('tabs.lateCharge', { ...money, tabId, category: 'damage', amountMinor: operation.amountMinor, approval: manager });
      return;
    }
    case 'void': {
      const target = await voidable(operation.pick);
      if (target) await call('voids.void', { ...money, transactionId: target.transactionId, releaseHold: true, approval: manager });
      return;
    }
    case 'refund': {
      const target = await voidable(operation.pick);
      if (!target) return;
      const amountMinor = operation.partial ? Math.max(1, Math.floor(target.approvedMinor / 3)) : undefined;
      await call('refunds.refund', { ...money, transactionId: target.transactionId, ...(amountMinor === undefined ? {} : { amountMinor }), approval: manager });
      return;
    }
    case 'forward':
      await rig.service.forwarder.drain();
      return;
  }
}
