/**
 * A terminal killed (SIGKILL) after an attempt row is written and before its answer is stored,
 * for an incremental authorization and for a void: after a restart, recovery leaves exactly one
 * effect at the gateway (or none), never two, and the journal agrees with the sandbox.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hotelHandlers } from '../../../main/payments/hotel-handlers';
import { openJournal } from '../../../main/payments/journal/journal';
import type { AttemptKind } from '../../../main/payments/journal/records';
import type { PaymentContext } from '../../../main/payments/payment-context';
import { startRecovery } from '../../../main/payments/recovery';
import { approval, checkedOutStay, useFrontDesk, type FrontDesk } from './front-desk-fixture';

const frontDesk = useFrontDesk();
const child = fileURLToPath(new URL('./front-desk-crash-child.ts', import.meta.url));

/**
 * Runs `channel` in a child terminal on the desk's journal and sandbox, waits until its `kind`
 * attempt is written as pending and the sandbox has processed the request (the answer never
 * comes: a `hang` fault), then kills it.
 */
async function killMidRequest(desk: FrontDesk, keychainService: string, channel: string, args: unknown, kind: AttemptKind, sandboxKind: string): Promise<void> {
  const seen = desk.sandbox.transactions().filter((t) => t.kind === sandboxKind).length;
  const proc = spawn(process.execPath, ['--import', 'tsx', child, desk.context.journal.filePath, desk.sandbox.baseUrl, keychainService, channel, JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const pending = desk.context.journal.unresolvedAttempts().some((row) => row.kind === kind && row.status === 'pending');
    const processed = desk.sandbox.transactions().filter((t) => t.kind === sandboxKind).length > seen;
    if (pending && processed) break;
    if (output.includes('finished') || proc.exitCode !== null) throw new Error(`the child finished instead of hanging: ${output}`);
    if (Date.now() > deadline) throw new Error(`the child never got mid-request: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  proc.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

/** The terminal started again on the same files: a fresh journal connection and fresh in-memory state. */
function restarted(desk: FrontDesk): PaymentContext {
  return { ...desk.context, journal: openJournal(desk.context.journal.filePath, { clock: desk.context.clock }) };
}

describe('a front-desk terminal killed mid-request', () => {
  it('an incremental authorization: after recovery the increment is at the gateway once or not at all, and the journal agrees', async () => {
    const desk = await frontDesk({ withManager: false });
    const { tab } = await desk.ok('tabs.open', {
      idempotencyKey: desk.newKey(), operatorId: 'desk-1', cardHandle: desk.key('4111111111111111'),
      guestName: 'Ada Lovelace', room: '101', nights: 2, nightlyRateMinor: 200_00, incidentalsMinor: 0,
    });
    await desk.sandbox.faults.set({ kind: 'hang', processed: true, times: 1, method: 'PATCH' });
    await killMidRequest(desk, '', 'tabs.addCharge', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId: tab.tabId, category: 'room-service', amountMinor: 50_00 }, 'incremental', 'incremental');
    await desk.sandbox.faults.clear();

    const context = restarted(desk);
    // The charge was written before the increment went out; the increment is in doubt.
    expect(context.journal.tab(tab.tabId)).toMatchObject({ folioMinor: 450_00, heldMinor: 400_00 });
    const report = await startRecovery(context);
    expect(report.state).toBe('finished');
    expect(report.items).toEqual([expect.objectContaining({ kind: 'incremental', action: 'timeout-reversal', result: 'undone' })]);
    expect(context.journal.unresolvedAttempts()).toEqual([]);

    // The gateway holds the original 400.00 again: the increment was taken off, once.
    const authorization = desk.sandbox.transactions().find((t) => t.kind === 'authorization' && t.clientReferenceCode === tab.tabId);
    expect(authorization?.authorizedMinor).toBe(400_00);
    expect(context.journal.tab(tab.tabId)).toMatchObject({ heldMinor: 400_00, folioMinor: 450_00 });

    // Check-out asks for the missing increment and captures the folio: 450.00 held and taken, once.
    const checkout = await checkoutWith(context, desk, tab.tabId);
    expect(checkout).toMatchObject({ topUp: { status: 'approved', amountMinor: 50_00 }, capture: { status: 'approved', approvedMinor: 450_00 } });
    const after = desk.sandbox.transactions().filter((t) => t.clientReferenceCode === tab.tabId);
    expect(after.find((t) => t.kind === 'authorization')).toMatchObject({ authorizedMinor: 450_00, capturedMinor: 450_00 });
    expect(after.filter((t) => t.kind === 'capture').map((t) => t.amountMinor)).toEqual([450_00]);
    context.journal.close();
  });

  it('a void: after recovery the capture is voided once, and the journal agrees', async () => {
    const desk = await frontDesk();
    const { tabId, captureId } = await checkedOutStay(desk);
    await desk.sandbox.faults.set({ kind: 'hang', processed: true, times: 1, path: /\/voids$/ });
    await killMidRequest(desk, desk.keychainService, 'voids.void', { idempotencyKey: desk.newKey(), operatorId: 'mgr-desk', transactionId: captureId, approval }, 'void', 'void');
    await desk.sandbox.faults.clear();

    const context = restarted(desk);
    const report = await startRecovery(context);
    expect(report.items).toEqual([expect.objectContaining({ kind: 'void', action: 'lookup', result: 'confirmed' })]);
    expect(context.journal.unresolvedAttempts()).toEqual([]);
    const voids = context.journal.history({ tabId }).filter((row) => row.kind === 'void');
    expect(voids.map((row) => [row.status, row.managerId, row.operatorId])).toEqual([['approved', approval.managerId, 'mgr-desk']]);
    expect(desk.sandbox.transactions().filter((t) => t.kind === 'void')).toHaveLength(1);
    expect(desk.sandbox.transactions().find((t) => t.kind === 'capture')).toMatchObject({ state: 'voided' });
    // The journal's tab is open again with its hold (the killed terminal never got to release it); the desk releases it.
    expect(context.journal.tab(tabId)).toMatchObject({ state: 'open', capturedMinor: 0, heldMinor: 200_00 });
    expect(await desk.ok('voids.list')).toEqual([]);
    context.journal.close();
  });
});

/** Check-out on the restarted terminal. */
function checkoutWith(context: PaymentContext, desk: FrontDesk, tabId: string) {
  return hotelHandlers(context, desk.secrets)['tabs.checkout']({ idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId });
}
