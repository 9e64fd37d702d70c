/**
 * The books balance whatever the day brings: random sequences of sales, split tenders, pre-auths,
 * tabs, voids, refunds and offline sales, under gateway faults, restarts and crashes, each on its
 * own sandbox and journal. After each sequence, once recovery has run with the gateway reachable,
 * the report's takings must be what the sandbox's ledger will settle, no sale may be charged
 * twice (checked after every operation too: the batch may close at any moment), and no attempt
 * may be left unknown (books-checks.ts).
 *
 * A failure prints fast-check's report (seed, path, the shrunk sequence) and the command that
 * replays it: BOOKS_SEED and BOOKS_PATH run exactly that counterexample again.
 */
import fc from 'fast-check';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayReport } from '../../../main/payments/day-handlers';
import { createManagerDirectory } from '../../../main/payments/manager-directory';
import { keytarSecretStore } from '../../../main/secrets/secret-store';
import { attempt } from '../../support/gateway-peer';
import { guideKeyedCard } from '../../support/guide-customer';
import { booksProblems, cardTypeOf, chargedTwice, type TerminalTakings } from './books-checks';
import { startBooksRig, type BooksRig } from './books-rig';
import { manager, operation, runOperation, type Operation } from './operations';

/** At least 200 sequences in the normal run; BOOKS_RUNS asks for more (or fewer while working on it). */
const numRuns = Number(process.env.BOOKS_RUNS ?? 200);
const replay = {
  ...(process.env.BOOKS_SEED ? { seed: Number(process.env.BOOKS_SEED) } : {}),
  ...(process.env.BOOKS_PATH ? { path: process.env.BOOKS_PATH } : {}),
};
const thisFile = 'test/integration/books/books.test.ts';

const secrets = keytarSecretStore(`counter-test-${randomUUID()}`);
beforeAll(async () => {
  await createManagerDirectory(secrets).setPin(manager.managerId, manager.pin);
});
afterAll(async () => {
  for (const account of await secrets.list()) await secrets.delete(account);
});

/** The Day report's card takings by brand (cash is not card money and settles nowhere). */
const reportTakings: TerminalTakings = (context) =>
  dayReport(context).books.currencies.flatMap((books) => books.byBrand.map((line) => ({ cardType: cardTypeOf(line.key), currency: books.currency, netMinor: line.netMinor })));

/** A wrong report, to prove the property can fail: it counts the day's holds (not their releases) as takings, as the Day report once did. */
const holdsCountedAsTakings: TerminalTakings = (context) => [
  ...reportTakings(context),
  ...dayReport(context).books.currencies.flatMap((books) =>
    books.holds.filter((hold) => hold.kind !== 'release').map((hold) => ({ cardType: 'holds', currency: books.currency, netMinor: hold.amountMinor })),
  ),
];

/** Noon on a fixed day, running at the wall clock's pace: every sequence stays inside one business day. */
function dayClock(): () => Date {
  const startedAt = Date.now();
  const noon = new Date(2026, 5, 15, 12).getTime();
  return () => new Date(noon + Date.now() - startedAt);
}

/**
 * Runs one sequence on fresh parts and returns what is wrong with the books afterwards.
 * `meddle` does something to the rig after the sequence, before recovery (to prove a check can fail).
 */
async function booksAfter(operations: readonly Operation[], takings: TerminalTakings, meddle?: (rig: BooksRig) => Promise<void>): Promise<string[]> {
  // A real SQLite file, on tmpfs where there is one: every journal write is fsynced (200 sequences: ~45 s there, ~75 s on this disk).
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'counter-books-'));
  try {
    const rig = await startBooksRig({ dir, clock: dayClock(), secrets, totalMs: 150 });
    try {
      const memory = { tabIds: [] };
      for (const each of operations) {
        await runOperation(rig, memory, each);
        const twice = chargedTwice(rig.context, rig.harness.sandbox);
        if (twice.length > 0) return [`after ${each.op}:`, ...twice];
      }
      await meddle?.(rig);
      await rig.reconcile();
      return booksProblems(rig.context, rig.harness.sandbox, takings);
    } finally {
      await rig.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sequences = fc.array(operation, { minLength: 1, maxLength: 8 });

function balancedBooks(takings: TerminalTakings) {
  return fc.asyncProperty(sequences, async (operations) => {
    const problems = await booksAfter(operations, takings);
    if (problems.length > 0) throw new Error(problems.join('\n'));
  });
}

describe('the books', () => {
  it(`balance after ${numRuns} random days of trading, faults and crashes`, { timeout: 600_000 }, async () => {
    const details = await fc.check(balancedBooks(reportTakings), { numRuns, includeErrorInReport: true, ...replay });
    if (details.failed) {
      const again = `BOOKS_SEED=${details.seed} BOOKS_PATH=${details.counterexamplePath ?? ''} bash scripts/with-keyring.sh npx vitest run --project integration ${thisFile}`;
      expect.fail(`${fc.defaultReportMessage(details) ?? 'the books do not balance'}\nReplay it with: ${again}`);
    }
  });

  it('can fail: a report that counts holds as takings is caught', { timeout: 120_000 }, async () => {
    const details = await fc.check(balancedBooks(holdsCountedAsTakings), { numRuns, endOnFailure: true, includeErrorInReport: true });
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/total USD: the report says \d+, the gateway will settle/);
  });

  it('can fail: a sale charged a second time behind the terminal’s back is caught', async () => {
    const sale: Operation = { op: 'sale', amountMinor: 4200, card: 'visa', entry: 'swipe', allowPartial: false };
    const problems = await booksAfter([sale], reportTakings, async (rig) => {
      const [charged] = rig.harness.sandbox.transactions();
      if (!charged) throw new Error('the sale left nothing at the gateway');
      // The same order charged again by a client of its own: a second send path the journal never hears of.
      await rig.harness.client.sale({ reference: attempt(charged.clientReferenceCode), amount: 4200, currency: 'USD', card: guideKeyedCard() });
    });
    expect(problems).toEqual([
      'card type/currency 001/USD: the report says 4200, the gateway will settle 8400',
      'total USD: the report says 4200, the gateway will settle 8400',
      expect.stringMatching(/^sale SALE-\S+ is charged 2 times: /),
      expect.stringMatching(/^sale \d+ of 4200 \(SALE-\S+\) is charged at the gateway but missing in the journal$/),
    ]);
  });
});
