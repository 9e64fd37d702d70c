/**
 * Transaction Search benchmark: the embedded sandbox holds busy days of sales, refunds, voids
 * and declines; the client pages through one whole 2,000-transaction day (what the close of a
 * till session fetches) and searches one order by its code. Then the sandbox's own memory
 * bound: how many transactions it keeps after months of trading.
 *
 *   npx tsx test/bench/search.bench.ts [transactions per day, default 2000] [days, default 3]
 *
 * Target (issue 10): reconciling a 2,000-transaction day < 2 s, of which this is the gateway half.
 */
import { performance } from 'node:perf_hooks';
import { createGatewayClient, type GatewayClient } from '../../main/gateway/client';
import type { GatewayOutcome } from '../../main/gateway/outcomes';
import { byCode, submittedBetween } from '../../main/gateway/search-query';
import { searchAllTransactions } from '../../main/gateway/transaction-search';
import { startSandboxGateway } from '../../main/sandbox/gateway-server';
import { guideKeyedCard } from '../support/guide-customer';
import { percentile, printTable } from './report';

const perDay = Number(process.argv[2] ?? 2_000);
const days = Number(process.argv[3] ?? 3);
const runs = 20;
const concurrency = 8;
const dayMs = 24 * 60 * 60 * 1000;
const card = guideKeyedCard();

let now = Date.parse('2026-03-02T13:00:00Z');
const clock = (): Date => new Date(now);
const sandbox = await startSandboxGateway({ clock, settlementCutoff: { timeZone: 'UTC', cutoffHour: 5 } });
const client = createGatewayClient({ baseUrl: sandbox.baseUrl, credentials: () => sandbox.credentials, clock, timeouts: { connectMs: 2_000, totalMs: 10_000 } });

let sequence = 0;
const reference = (code: string) => ({ code, transactionId: `bench-${(sequence += 1)}` });

function approvedId(outcome: GatewayOutcome): string {
  if (outcome.kind !== 'approved') throw new Error(`expected approved, got ${JSON.stringify(outcome)}`);
  return outcome.id;
}

/** One order: mostly sales, every tenth refunded, every twentieth voided, every fiftieth declined. Two or three transactions. */
async function order(gateway: GatewayClient, index: number): Promise<number> {
  const code = `ORDER-${index}`;
  if (index % 50 === 0) {
    await gateway.sale({ reference: reference(code), amount: 100_005, currency: 'USD', card });
    return 1;
  }
  const id = approvedId(await gateway.sale({ reference: reference(code), amount: 500 + (index % 5000), currency: 'USD', card }));
  if (index % 10 === 0) approvedId(await gateway.refund({ target: 'sale', id, reference: reference(code), amount: 100, currency: 'USD' }));
  else if (index % 20 === 5) approvedId(await gateway.voidTransaction({ target: 'sale', id, reference: reference(code) }));
  else return 1;
  return 2;
}

/** Orders until the day holds `perDay` transactions, `concurrency` at a time. */
async function tradeOneDay(firstOrder: number): Promise<number> {
  let made = 0;
  let next = firstOrder;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (made < perDay) {
        const count = await order(client, (next += 1));
        made += count;
      }
    }),
  );
  return next;
}

const seedStart = performance.now();
let orders = 0;
for (let day = 0; day < days; day += 1) {
  orders = await tradeOneDay(orders);
  now += dayMs;
}
console.log(`seeded ${sandbox.transactions().length} transactions over ${days} days in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

const lastDayStart = Date.parse('2026-03-02T05:00:00Z') + (days - 1) * dayMs;
const lastDay = submittedBetween(new Date(lastDayStart), new Date(lastDayStart + dayMs));
const wholeDay: number[] = [];
let found = 0;
for (let run = 0; run < runs; run += 1) {
  const start = performance.now();
  const outcome = await searchAllTransactions(client, lastDay);
  wholeDay.push(performance.now() - start);
  if (outcome.kind !== 'found') throw new Error(`search failed: ${JSON.stringify(outcome)}`);
  found = outcome.transactions.length;
}
const oneOrder: number[] = [];
for (let run = 0; run < runs * 5; run += 1) {
  const start = performance.now();
  const outcome = await client.searchTransactions({ query: byCode(`ORDER-${orders - run}`) });
  oneOrder.push(performance.now() - start);
  if (outcome.kind !== 'found') throw new Error(`search failed: ${JSON.stringify(outcome)}`);
}
printTable(`Transaction Search against the sandbox (${sandbox.transactions().length} transactions held, ${runs} runs)`, ['p50 ms', 'p99 ms', 'found'], [
  [`a whole day (searchAllTransactions)`, percentile(wholeDay, 50), percentile(wholeDay, 99), found],
  ['one order by code', percentile(oneOrder, 50), percentile(oneOrder, 99), 1],
]);

// Months later: the ledger has forgotten what settled more than 30 business days ago.
now += 45 * dayMs;
await client.searchTransactions({ query: lastDay });
console.log(`after 45 more days without trading, the sandbox holds ${sandbox.transactions().length} transactions`);

client.close();
await sandbox.close();
