/**
 * What the terminal runs on its own for the payment flows: recovery at start (new money work is
 * refused until it has finished), then the split-tender sweep on a timer, so a session left
 * unfinished past its window has its partial authorizations reversed; and, at start and hourly,
 * the journal's pruning, so idempotency keys and declines past their windows do not pile up.
 */
import { type BusinessDayRule, businessDayAfter, businessDayAt } from '../business-day';
import { declineWindowStart } from './decline-policy';
import type { PaymentContext } from './payment-context';
import { recoveryNeeded, startRecovery } from './recovery';
import { sweepSplitSessions } from './split-tender';

export interface Housekeeping {
  /** Resolves when the start-up recovery run and the first sweep are done. */
  ready: Promise<void>;
  stop(): void;
}

/**
 * How long a finished call's idempotency key keeps answering, in business days (the day it was made
 * and the next): a repeat comes seconds after a lost answer, or at the latest when a terminal that
 * died mid-sale is back the next morning. Keys whose call never finished stay until recovery settles them.
 */
export const idempotencyWindowDays = 2;

/** The first instant whose idempotency keys are still kept now. */
export function idempotencyWindowStart(now: Date, rule: BusinessDayRule): number {
  return businessDayAfter(businessDayAt(now, rule), -(idempotencyWindowDays - 1), rule).fromMs;
}

/** Deletes idempotency keys and card declines past their windows; returns how many of each. */
export function pruneJournal(context: PaymentContext): { idempotencyKeys: number; declines: number } {
  const now = context.clock();
  const rule = context.settings().businessDay;
  const pruned = {
    idempotencyKeys: context.journal.pruneIdempotencyKeys(idempotencyWindowStart(now, rule)),
    declines: context.journal.pruneDeclines(declineWindowStart(now, rule)),
  };
  if (pruned.idempotencyKeys + pruned.declines > 0) context.logger.log('info', 'journal pruned', pruned);
  return pruned;
}

export function startHousekeeping(context: PaymentContext, options: { sweepEveryMs?: number; pruneEveryMs?: number } = {}): Housekeeping {
  let sweeping = false;
  // One sweep at a time: with a slow gateway a tick that finds one running skips its turn.
  const sweep = async (): Promise<void> => {
    if (sweeping) return;
    sweeping = true;
    try {
      await sweepSplitSessions(context);
    } catch (error) {
      context.logger.log('warn', 'split-tender sweep failed', { message: error instanceof Error ? error.message : String(error) });
    } finally {
      sweeping = false;
    }
  };
  const prune = (): void => {
    try {
      pruneJournal(context);
    } catch (error) {
      context.logger.log('warn', 'journal pruning failed', { message: error instanceof Error ? error.message : String(error) });
    }
  };
  prune();
  const pruneTimer = setInterval(prune, options.pruneEveryMs ?? 60 * 60_000);
  pruneTimer.unref?.();
  const ready = startRecovery(context).then(async (report) => {
    if (report.state === 'finished') await sweep();
  });
  const timer = setInterval(() => {
    // Attempts still unresolved (the gateway was down, an answer was lost today) are tried again.
    if (recoveryNeeded(context)) void startRecovery(context);
    void sweep();
  }, options.sweepEveryMs ?? 15_000);
  timer.unref?.();
  return {
    ready,
    stop: () => {
      clearInterval(timer);
      clearInterval(pruneTimer);
    },
  };
}
