/**
 * What the terminal runs on its own for the payment flows: recovery at start (new money work is
 * refused until it has finished), then the split-tender sweep on a timer, so a session left
 * unfinished past its window has its partial authorizations reversed.
 */
import type { PaymentContext } from './payment-context';
import { recoveryNeeded, startRecovery } from './recovery';
import { sweepSplitSessions } from './split-tender';

export interface Housekeeping {
  /** Resolves when the start-up recovery run and the first sweep are done. */
  ready: Promise<void>;
  stop(): void;
}

export function startHousekeeping(context: PaymentContext, options: { sweepEveryMs?: number } = {}): Housekeeping {
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
    stop: () => clearInterval(timer),
  };
}
