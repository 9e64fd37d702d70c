/**
 * Gateway client benchmark: the same authorizations, sequential and 8-way concurrent, against
 * the sandbox over HTTPS, sent by Counter's client, by the vendor's cybersource-rest-client SDK,
 * and by a bare loop of hand-signed keep-alive `https.request` calls (the floor). Then the
 * client's own overhead (validate + serialize + sign + parse + map) with no I/O.
 *
 *   npx tsx test/bench/gateway.bench.ts [requests per client and mode, default 1000]
 *
 * The sandbox runs in this process. Each client runs in its own child process (so none pays for
 * another's heap or JIT), started with NODE_EXTRA_CA_CERTS so the SDK, which takes no CA option,
 * trusts the sandbox's certificate. The clients take turns in rounds, in a rotating order, so each
 * meets the sandbox in the same state (its ledger grows with every request).
 */
import { spawn } from 'node:child_process';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toGatewayAmount } from '../../main/gateway/amounts';
import { createGatewayClient } from '../../main/gateway/client';
import type { SigningCredentials } from '../../main/gateway/http-signature';
import type { AuthorizeInput } from '../../main/gateway/inputs';
import type { Transport } from '../../main/gateway/transport';
import { startSandboxGateway } from '../../main/sandbox/gateway-server';
import { percentile, printTable } from './report';
import { guideBillTo, guideKeyedCard } from '../support/guide-customer';

interface BenchTarget {
  baseUrl: string;
  port: number;
  credentials: SigningCredentials;
  caCertificatePem: string;
}

type Send = (index: number) => Promise<void>;

const targetVariable = 'COUNTER_BENCH_TARGET';
const clientVariable = 'COUNTER_BENCH_CLIENT';
const clientNames = ['counter', 'sdk', 'floor'] as const;
type ClientName = (typeof clientNames)[number];
const rounds = 5;
const warmUp = 200;
/** Per client and mode, split over the rounds. */
const requestsPerRun = Math.ceil(Number(process.argv[2] ?? 1000) / rounds) * rounds;
const concurrency = 8;
const card = guideKeyedCard();
const billTo = guideBillTo;

/** Amounts stay below the sandbox's decline triggers (1000.00 and up). */
function amountOf(index: number): number {
  return 1000 + (index % 5000);
}

/** The same authorization for every client. */
function authorization(index: number, transactionId: string): AuthorizeInput {
  return { reference: { code: `BENCH-${index}`, transactionId }, amount: amountOf(index), currency: 'USD', card, billTo };
}

function gatewayBody(index: number, transactionId: string): Record<string, unknown> {
  return {
    clientReferenceInformation: { code: `BENCH-${index}`, transactionId },
    paymentInformation: { card },
    orderInformation: { amountDetails: { totalAmount: toGatewayAmount(amountOf(index), 'USD'), currency: 'USD' }, billTo },
  };
}

/** Parent → child: run a burst, measure the overhead, or stop. */
type Command = { kind: 'burst'; mode: Mode; first: number; count: number } | { kind: 'overhead' } | { kind: 'close' };
type Reply = { kind: 'ready' } | { kind: 'burst'; tally: Tally } | { kind: 'overhead'; p50: number; p99: number };

interface ClientProcess {
  ask(command: Command): Promise<Reply>;
  exited: Promise<number>;
}

function startClientProcess(name: ClientName, env: NodeJS.ProcessEnv): Promise<ClientProcess> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env: { ...env, [clientVariable]: name },
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  const next = (): Promise<Reply> =>
    new Promise((resolve, reject) => {
      child.once('message', (reply) => resolve(reply as Reply));
      void exited.then((code) => reject(new Error(`${name} client exited with ${code}`)));
    });
  const ready = next();
  return ready.then(() => ({
    ask(command) {
      const reply = next();
      child.send(command);
      return reply;
    },
    exited,
  }));
}

async function parent(): Promise<void> {
  const sandbox = await startSandboxGateway({ tls: true });
  const folder = mkdtempSync(join(tmpdir(), 'counter-bench-'));
  const pemPath = join(folder, 'sandbox-ca.pem');
  writeFileSync(pemPath, sandbox.caCertificatePem ?? '');
  const target: BenchTarget = { baseUrl: sandbox.baseUrl, port: sandbox.port, credentials: sandbox.credentials, caCertificatePem: sandbox.caCertificatePem ?? '' };
  const env = { ...process.env, NODE_EXTRA_CA_CERTS: pemPath, [targetVariable]: JSON.stringify(target) };
  try {
    const clients = new Map<ClientName, ClientProcess>();
    for (const name of clientNames) clients.set(name, await startClientProcess(name, env));
    let index = 0;
    const burstOf = async (name: ClientName, mode: Mode, count: number): Promise<Tally> => {
      const reply = await clients.get(name)?.ask({ kind: 'burst', mode, first: index, count });
      index += count;
      if (reply?.kind !== 'burst') throw new Error(`${name}: no burst result`);
      return reply.tally;
    };
    // Warm-up: JIT on both sides, TLS sessions, kept-alive sockets.
    for (const name of clientNames) await burstOf(name, 'concurrent', warmUp);
    const tallies = new Map<string, Tally>();
    for (let round = 0; round < rounds; round++) {
      // Each round starts with a different client, so none always follows the same neighbour.
      const order = clientNames.map((_, i) => clientNames[(i + round) % clientNames.length] as ClientName);
      for (const mode of ['sequential', 'concurrent'] as const) {
        for (const name of order) {
          const tally = await burstOf(name, mode, requestsPerRun / rounds);
          const sum = tallies.get(`${name} ${mode}`) ?? { latencies: [], seconds: 0, cpuMicros: 0 };
          tallies.set(`${name} ${mode}`, { latencies: [...sum.latencies, ...tally.latencies], seconds: sum.seconds + tally.seconds, cpuMicros: sum.cpuMicros + tally.cpuMicros });
        }
      }
    }
    const overheadReply = await clients.get('counter')?.ask({ kind: 'overhead' });
    for (const client of clients.values()) void client.ask({ kind: 'close' }).catch(() => undefined);
    await Promise.all([...clients.values()].map((client) => client.exited));
    const results = [...tallies].map(([key, tally]) => {
      const [name = '', mode = 'sequential'] = key.split(' ');
      return summary(name, mode as Mode, tally);
    });
    const cost = overheadReply?.kind === 'overhead' ? overheadReply : { p50: Number.NaN, p99: Number.NaN };
    // A missed target is a figure to read, not a failure: every bench in `npm run bench` still runs.
    report(results, cost);
  } finally {
    await sandbox.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

interface RunResult {
  name: string;
  mode: Mode;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** The client process's CPU time per request: what the client costs beyond the network. */
  cpuMicros: number;
}

type Mode = 'sequential' | 'concurrent';

/** Latencies, wall time and CPU time of one client in one mode, summed over the rounds. */
interface Tally {
  latencies: number[];
  seconds: number;
  cpuMicros: number;
}

/** Sends `count` requests, one at a time or `concurrency` at a time, adding to the tally. */
async function burst(mode: Mode, send: Send, first: number, count: number, tally: Tally): Promise<void> {
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: mode === 'sequential' ? 1 : concurrency }, async () => {
      while (next < count) {
        const index = first + next++;
        const begin = performance.now();
        await send(index);
        tally.latencies.push(performance.now() - begin);
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  tally.seconds += (performance.now() - started) / 1000;
  tally.cpuMicros += used.user + used.system;
}

function summary(name: string, mode: Mode, tally: Tally): RunResult {
  const count = tally.latencies.length;
  return {
    name,
    mode,
    requestsPerSecond: count / tally.seconds,
    p50: percentile(tally.latencies, 50),
    p99: percentile(tally.latencies, 99),
    cpuMicros: tally.cpuMicros / count,
  };
}

function counterSender(target: BenchTarget): { send: Send; close(): void } {
  const client = createGatewayClient({
    baseUrl: target.baseUrl,
    credentials: () => target.credentials,
    timeouts: { connectMs: 5_000, totalMs: 10_000 },
    caCertificatePem: target.caCertificatePem,
  });
  return {
    async send(index) {
      const outcome = await client.authorize(authorization(index, randomUUID()));
      if (outcome.kind !== 'approved') throw new Error(`Counter: ${JSON.stringify(outcome)}`);
    },
    close: () => client.close(),
  };
}

interface SdkPaymentsApi {
  createPayment(request: unknown, callback: (error: unknown, data: { status?: string } | undefined) => void): void;
}
interface SdkModule {
  ApiClient: new () => unknown;
  PaymentsApi: new (config: object, apiClient: unknown) => SdkPaymentsApi;
}

function sdkSender(target: BenchTarget): { send: Send; close(): void } {
  const sdk = createRequire(import.meta.url)('cybersource-rest-client') as SdkModule;
  const config = {
    authenticationType: 'http_signature',
    runEnvironment: `localhost:${target.port}`,
    merchantID: target.credentials.merchantId,
    merchantKeyId: target.credentials.keyId,
    merchantsecretKey: target.credentials.sharedSecretBase64,
    logConfiguration: { enableLog: false },
  };
  const api = new sdk.PaymentsApi(config, new sdk.ApiClient());
  return {
    send: (index) =>
      new Promise((resolve, reject) => {
        api.createPayment(gatewayBody(index, randomUUID()), (error, data) => {
          if (error || data?.status !== 'AUTHORIZED') reject(new Error(`SDK: ${String(error)} ${JSON.stringify(data)}`));
          else resolve();
        });
      }),
    close: () => undefined,
  };
}

/** The floor: sign by hand, one keep-alive agent, parse the JSON, nothing else. */
function floorSender(target: BenchTarget): { send: Send; close(): void } {
  const url = new URL(target.baseUrl);
  const agent = new https.Agent({ keepAlive: true, ca: target.caCertificatePem, maxSockets: 16 });
  const key = Buffer.from(target.credentials.sharedSecretBase64, 'base64');
  const { merchantId, keyId } = target.credentials;
  return {
    send: (index) =>
      new Promise((resolve, reject) => {
        const body = Buffer.from(JSON.stringify(gatewayBody(index, randomUUID())));
        const date = new Date().toUTCString();
        const digest = `SHA-256=${createHash('sha256').update(body).digest('base64')}`;
        const text = `host: ${url.host}\ndate: ${date}\nrequest-target: post /pts/v2/payments\ndigest: ${digest}\nv-c-merchant-id: ${merchantId}`;
        const signature = createHmac('sha256', key).update(text).digest('base64');
        const request = https.request(
          {
            hostname: url.hostname,
            port: url.port,
            method: 'POST',
            path: '/pts/v2/payments',
            agent,
            headers: {
              host: url.host,
              date,
              digest,
              'v-c-merchant-id': merchantId,
              signature: `keyid="${keyId}", algorithm="HmacSHA256", headers="host date request-target digest v-c-merchant-id", signature="${signature}"`,
              'content-type': 'application/json',
              'content-length': body.length,
            },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { status?: string };
              if (parsed.status === 'AUTHORIZED') resolve();
              else reject(new Error(`floor: ${JSON.stringify(parsed)}`));
            });
          },
        );
        request.on('error', reject);
        request.end(body);
      }),
    close: () => agent.destroy(),
  };
}

/** Client-side cost of one authorization with the network replaced by an instant canned answer. */
async function overhead(): Promise<{ p50: number; p99: number }> {
  const answer = JSON.stringify({
    _links: { self: { method: 'GET', href: '/pts/v2/payments/6461731521426399003473' } },
    clientReferenceInformation: { code: 'BENCH' },
    id: '6461731521426399003473',
    orderInformation: { amountDetails: { authorizedAmount: '10.00', currency: 'USD' } },
    paymentInformation: { tokenizedCard: { type: '001' }, card: { type: '001' } },
    processorInformation: { approvalCode: '831000', networkTransactionId: '016153570198200', transactionId: '016153570198200', responseCode: '00' },
    reconciliationId: '6461731521426399003473',
    status: 'AUTHORIZED',
    submitTimeUtc: '2022-03-01T22:19:12Z',
  });
  const instant: Transport = { exchange: () => Promise.resolve({ kind: 'response', status: 201, body: answer }), close: () => undefined };
  const credentials: SigningCredentials = { merchantId: 'bench', keyId: randomUUID(), sharedSecretBase64: Buffer.from('bench secret').toString('base64') };
  const client = createGatewayClient({ baseUrl: 'https://127.0.0.1:1', credentials: () => credentials, timeouts: { connectMs: 1, totalMs: 1 }, transport: instant });
  for (let i = 0; i < 5_000; i++) await client.authorize(authorization(i, `W${i}`));
  // Three rounds, reporting the median one: a single round on a shared machine measures its neighbours.
  const measured: { p50: number; p99: number }[] = [];
  for (let round = 0; round < 3; round++) {
    const samples: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const input = authorization(i, `T${round}-${i}`);
      const begin = process.hrtime.bigint();
      await client.authorize(input);
      samples.push(Number(process.hrtime.bigint() - begin) / 1e6);
    }
    measured.push({ p50: percentile(samples, 50), p99: percentile(samples, 99) });
  }
  measured.sort((a, b) => a.p99 - b.p99);
  return measured[1] ?? { p50: Number.NaN, p99: Number.NaN };
}

/** Prints the table and the ratios against the targets. */
function report(results: RunResult[], cost: { p50: number; p99: number }): void {
  printTable(
    `Authorizations against the sandbox over HTTPS: ${requestsPerRun} per client and mode, in ${rounds} rotating rounds, after ${warmUp} warm-up each`,
    ['mode', 'req/s', 'p50 ms', 'p99 ms', 'client CPU µs/req'],
    results.map((r) => [r.name, r.mode, r.requestsPerSecond, r.p50, r.p99, r.cpuMicros]),
  );
  for (const mode of ['sequential', 'concurrent']) {
    const of = (name: string) => results.find((r) => r.name === name && r.mode === mode)?.requestsPerSecond ?? Number.NaN;
    const vsSdk = of('counter') / of('sdk');
    const vsFloor = of('floor') / of('counter');
    console.log(`\n${mode}: Counter is ${vsSdk.toFixed(2)}× the SDK's throughput (target ≥ 4) ${vsSdk >= 4 ? 'ok' : 'MISSED'}`);
    console.log(`${mode}: the floor is ${vsFloor.toFixed(2)}× Counter's throughput (target ≤ 1.3) ${vsFloor <= 1.3 ? 'ok' : 'MISSED'}`);
  }
  console.log(`\nclient-side overhead per authorization (validate + serialize + sign + parse + map, no I/O; median of 3 rounds of 20000):`);
  console.log(`p50 ${(cost.p50 * 1000).toFixed(1)} µs, p99 ${(cost.p99 * 1000).toFixed(1)} µs (target p99 < 100 µs) ${cost.p99 < 0.1 ? 'ok' : 'MISSED'}`);
}


async function child(name: ClientName, target: BenchTarget): Promise<void> {
  const sender = name === 'counter' ? counterSender(target) : name === 'sdk' ? sdkSender(target) : floorSender(target);
  const reply = (message: Reply): void => void process.send?.(message);
  process.on('message', (command: Command) => {
    const answer = async (): Promise<void> => {
      if (command.kind === 'close') {
        sender.close();
        process.disconnect();
        return;
      }
      if (command.kind === 'overhead') {
        reply({ kind: 'overhead', ...(await overhead()) });
        return;
      }
      const tally: Tally = { latencies: [], seconds: 0, cpuMicros: 0 };
      await burst(command.mode, sender.send, command.first, command.count, tally);
      reply({ kind: 'burst', tally });
    };
    answer().catch((error: unknown) => {
      console.error(`${name}:`, error);
      process.exit(1);
    });
  });
  reply({ kind: 'ready' });
}

const targetText = process.env[targetVariable];
const clientName = process.env[clientVariable] as ClientName | undefined;
await (targetText === undefined || clientName === undefined ? parent() : child(clientName, JSON.parse(targetText) as BenchTarget));
