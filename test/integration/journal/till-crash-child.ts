/**
 * The process the till crash tests kill. `mid-close`: closes two sessions, then dies inside the
 * third close's transaction (the report is being built, the Z number taken but not committed).
 * `closing`: sells and closes, session after session, until killed.
 *
 *   node --import tsx till-crash-child.ts <journal file> mid-close|closing
 */
import { writeSync } from 'node:fs';
import { openJournal } from '../../../main/payments/journal/journal';
import type { CardSummary } from '../../../main/payments/journal/records';

const [file = '', mode = 'mid-close'] = process.argv.slice(2);
const journal = openJournal(file);
const card: CardSummary = { maskedPan: '•••• 1111', brand: 'visa', entryMode: 'swiped' };
let sale = 0;

function sell(): void {
  sale += 1;
  const orderId = `S-${sale}`;
  journal.openOrder({ id: orderId, kind: 'sale', amountMinor: 100 + sale, currency: 'USD', operatorId: 'op-1' });
  journal.recordAttemptPending({ transactionId: `T-${sale}`, kind: 'sale', owner: { orderId }, amountMinor: 100 + sale, currency: 'USD', card, operatorId: 'op-1' });
  journal.settleAttempt(`T-${sale}`, { status: 'approved', gatewayId: `G-${sale}` });
}

function close(report: (number: number) => unknown = (number) => ({ number })): number {
  const session = journal.openTillSession();
  if (!session) throw new Error('no open session');
  return journal.closeTill({ sessionId: session.id, operatorId: 'op-1', managerId: 'mgr-1', countedMinor: 0, lastAttemptId: Number.MAX_SAFE_INTEGER, report }).number;
}

if (mode === 'mid-close') {
  for (let session = 0; session < 2; session++) {
    sell();
    close();
  }
  sell();
  close((number) => {
    // Inside the closing transaction: say which number it took, then hang until killed.
    writeSync(1, `closing ${number}\n`);
    for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
  });
} else {
  const run = (): void => {
    for (let batch = 0; batch < 5; batch++) {
      sell();
      sell();
      if (close() === 20) process.stdout.write('closing\n');
    }
    setImmediate(run);
  };
  run();
}
