/** Opens journals on real files in a per-test folder, with a clock the test moves by hand. */
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openJournal, type Journal } from '../../../main/payments/journal/journal';
import type { CardSummary, NewAttempt } from '../../../main/payments/journal/records';
import { useTempDir } from '../../support/temp-dir';

export interface TestClock {
  (): Date;
  /** Moves the clock on by `ms`. */
  advance(ms: number): void;
  set(at: Date): void;
}

/** Starts at `start` and moves only when told, so every timestamp in a test is known. */
export function testClock(start = new Date('2026-11-21T09:00:00.000Z')): TestClock {
  let now = start.getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.advance = (ms) => {
    now += ms;
  };
  clock.set = (at) => {
    now = at.getTime();
  };
  return clock;
}

export const visa: CardSummary = { maskedPan: '•••• 1111', brand: 'visa', entryMode: 'swiped' };
export const mastercard: CardSummary = { maskedPan: '•••• 4444', brand: 'mastercard', entryMode: 'contactless' };

/** A fresh journal file per test; everything opened is closed after the test. */
export function useJournals(): { open(file?: string): { journal: Journal; clock: TestClock; file: string }; folder(): string } {
  const tempDir = useTempDir();
  const opened: Journal[] = [];
  let dir: string | undefined;
  afterEach(() => {
    for (const journal of opened.splice(0)) journal.close();
    dir = undefined;
  });
  const folder = () => (dir ??= tempDir());
  return {
    folder,
    open(file = join(folder(), 'journal.sqlite')) {
      const clock = testClock();
      const journal = openJournal(file, { clock });
      opened.push(journal);
      return { journal, clock, file };
    },
  };
}

let sequence = 0;
/** A unique transactionId per call, like the flows' own. */
export function nextTransactionId(prefix = 'T'): string {
  sequence += 1;
  return `${prefix}${Date.now().toString(36)}${sequence}`;
}

/** A sale on a new order, recorded and settled approved; returns its transactionId. */
export function approvedSale(journal: Journal, orderId: string, amountMinor: number, card: CardSummary = visa, operatorId = 'op-1'): string {
  journal.openOrder({ id: orderId, kind: 'sale', amountMinor, currency: 'USD', operatorId });
  const transactionId = nextTransactionId();
  journal.recordAttemptPending({ transactionId, kind: 'sale', owner: { orderId }, amountMinor, currency: 'USD', card, operatorId });
  journal.settleAttempt(transactionId, { status: 'approved', gatewayId: gatewayIdFor(transactionId), approvalCode: '831000' });
  return transactionId;
}

/** Records a follow-on attempt and settles it approved. */
export function approvedFollowOn(journal: Journal, attempt: Omit<NewAttempt, 'transactionId' | 'currency' | 'operatorId'> & Partial<NewAttempt>): string {
  const transactionId = attempt.transactionId ?? nextTransactionId();
  journal.recordAttemptPending({ currency: 'USD', operatorId: 'op-1', ...attempt, transactionId });
  journal.settleAttempt(transactionId, { status: 'approved', gatewayId: gatewayIdFor(transactionId) });
  return transactionId;
}

/** A 22-digit id like the gateway's, derived from the transactionId so tests can predict it. */
export function gatewayIdFor(transactionId: string): string {
  let hash = 7;
  for (const char of transactionId) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000_007;
  return `64617315${String(hash).padStart(14, '0')}`;
}
