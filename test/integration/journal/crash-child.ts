/**
 * The process the crash tests kill. `pending`: records a sale, a capture, an incremental and a
 * void as pending (as a flow does just before sending them), says so, then waits for an answer
 * that never comes. `busy`: runs sale after sale (open, record, settle) until killed.
 *
 *   node --import tsx crash-child.ts <journal file> pending|busy
 */
import { openJournal } from '../../../main/payments/journal/journal';
import type { CardSummary } from '../../../main/payments/journal/records';

const [file = '', mode = 'pending'] = process.argv.slice(2);
const journal = openJournal(file);
const card: CardSummary = { maskedPan: '•••• 1111', brand: 'visa', entryMode: 'swiped' };
const base = { currency: 'USD' as const, operatorId: 'op-1' };

function approve(transactionId: string): void {
  journal.settleAttempt(transactionId, { status: 'approved', gatewayId: `G-${transactionId}` });
}

if (mode === 'pending') {
  // Settled history first, then four requests "on the wire".
  journal.openOrder({ id: 'P-1', kind: 'pre-auth', amountMinor: 5000, ...base });
  journal.recordAttemptPending({ transactionId: 'T-auth', kind: 'authorize', owner: { orderId: 'P-1' }, amountMinor: 5000, card, ...base });
  approve('T-auth');
  journal.openOrder({ id: 'S-paid', kind: 'sale', amountMinor: 1500, ...base });
  journal.recordAttemptPending({ transactionId: 'T-paid', kind: 'sale', owner: { orderId: 'S-paid' }, amountMinor: 1500, card, ...base });
  approve('T-paid');
  journal.openTab({ id: 'TAB-1', guestName: 'Ada', room: '101', nights: 2, nightlyRateMinor: 15000, incidentalsMinor: 10000, headroomMinor: 0, currency: 'USD', cardOnFile: false, operatorId: 'op-1' });
  journal.recordAttemptPending({ transactionId: 'T-open', kind: 'authorize', owner: { tabId: 'TAB-1' }, amountMinor: 40000, card, ...base });
  approve('T-open');

  journal.openOrder({ id: 'S-1', kind: 'sale', amountMinor: 2500, ...base });
  journal.recordAttemptPending({ transactionId: 'T-sale', kind: 'sale', owner: { orderId: 'S-1' }, amountMinor: 2500, card, ...base });
  journal.recordAttemptPending({ transactionId: 'T-capture', kind: 'capture', owner: { orderId: 'P-1' }, amountMinor: 5000, parentTransactionId: 'T-auth', ...base });
  journal.recordAttemptPending({ transactionId: 'T-increment', kind: 'incremental', owner: { tabId: 'TAB-1' }, amountMinor: 5000, parentTransactionId: 'T-open', ...base });
  journal.recordAttemptPending({ transactionId: 'T-void', kind: 'void', owner: { orderId: 'S-paid' }, amountMinor: 1500, parentTransactionId: 'T-paid', managerId: 'mgr-1', ...base });
  process.stdout.write('recorded\n');
  setInterval(() => undefined, 60_000);
} else {
  let sale = 0;
  const run = (): void => {
    for (let batch = 0; batch < 25; batch++) {
      sale += 1;
      const orderId = `S-${sale}`;
      journal.openOrder({ id: orderId, kind: 'sale', amountMinor: 100 + sale, ...base });
      journal.recordAttemptPending({ transactionId: `T-${sale}`, kind: 'sale', owner: { orderId }, amountMinor: 100 + sale, card, ...base });
      approve(`T-${sale}`);
    }
    if (sale === 100) process.stdout.write('busy\n');
    setImmediate(run);
  };
  run();
}
