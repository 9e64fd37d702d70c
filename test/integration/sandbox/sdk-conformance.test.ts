/**
 * Conformance with the vendor's own SDK (cybersource-rest-client): requests it signs are
 * accepted by the sandbox over HTTPS, and the terminal's `signRequest` produces the same
 * Digest and Signature headers as the SDK for the same inputs.
 *
 * The SDK runs in a child Node process, because it trusts the sandbox's self-signed
 * certificate only through NODE_EXTRA_CA_CERTS, which Node reads at process start.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest, type HttpMethod } from '../../../main/gateway/http-signature';
import { validateSearch } from '../../../main/gateway/inputs';
import { searchOutcome } from '../../../main/gateway/outcomes';
import { searchBody } from '../../../main/gateway/request-bodies';
import { byCode } from '../../../main/gateway/search-query';
import { startSandboxGateway, type SandboxGateway } from '../../../main/sandbox/gateway-server';

const run = promisify(execFile);
const peer = fileURLToPath(new URL('./sdk-peer.mjs', import.meta.url));

let sandbox: SandboxGateway;
let folder: string;
let caFile: string;

beforeAll(async () => {
  sandbox = await startSandboxGateway({ tls: true });
  folder = mkdtempSync(join(tmpdir(), 'sandbox-sdk-'));
  caFile = join(folder, 'ca.pem');
  writeFileSync(caFile, sandbox.caCertificatePem ?? '');
});

afterAll(async () => {
  await sandbox.close();
  rmSync(folder, { recursive: true, force: true });
});

// The peer prints the SDK's raw replies; their shape is the gateway's JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function sdk(job: Record<string, unknown>): Promise<any> {
  const { stdout } = await run(process.execPath, [peer, JSON.stringify({ host: `localhost:${sandbox.port}`, credentials: sandbox.credentials, ...job })], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile },
    timeout: 60_000,
  });
  const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
  expect(result.crashed).toBeUndefined();
  return result;
}

const parsed = (reply: { text: string }) => JSON.parse(reply.text);

describe('conformance with the cybersource-rest-client SDK', () => {
  it('serves HTTPS with a certificate for localhost and 127.0.0.1', () => {
    expect(sandbox.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.caCertificatePem).toContain('BEGIN CERTIFICATE');
  });

  it('accepts requests the SDK signs, across the payment operations', async () => {
    const search = validateSearch({ query: byCode('sdk-1'), limit: 10 });
    const results = await sdk({ op: 'flow', nonce: `${Date.now()}`, searchBody: searchBody(search, { sort: 'submitTimeUtc:asc' }) });
    expect(results.authorization.status).toBe(201);
    expect(parsed(results.authorization)).toMatchObject({ status: 'AUTHORIZED', orderInformation: { amountDetails: { authorizedAmount: '100.00' } } });
    expect(results.increment.status).toBe(201);
    expect(parsed(results.increment).status).toBe('AUTHORIZED');
    expect(results.capture.status).toBe(201);
    expect(parsed(results.capture)).toMatchObject({ status: 'PENDING', orderInformation: { amountDetails: { totalAmount: '120.00' } } });
    expect(parsed(results.refund)).toMatchObject({ status: 'PENDING' });
    expect(results.transaction.status).toBe(200);
    expect(parsed(results.transaction)).toMatchObject({ orderInformation: { amountDetails: { authorizedAmount: '120.00', refundBalance: '100.00' } } });
    expect(results.search.status).toBe(201);
    const found = searchOutcome({ kind: 'response', status: results.search.status, body: results.search.text }, { offset: 0, limit: 10 });
    expect(found.kind === 'found' && found.transactions.map((transaction) => transaction.applications[0]?.name)).toEqual(['ics_auth', 'ics_incremental_auth', 'ics_bill', 'ics_credit']);
    expect(parsed(results.voidSale).status).toBe('VOIDED');
    expect(parsed(results.lostAuthorization).status).toBe('AUTHORIZED');
    expect(parsed(results.timeoutReversal)).toMatchObject({ status: 'REVERSED', reversalAmountDetails: { reversedAmount: '30.00' } });
    expect(parsed(results.declined)).toMatchObject({ status: 'DECLINED', paymentInsightsInformation: { responseInsights: { categoryCode: '04' } } });
    expect(results.invalid.status).toBe(400);
    expect(parsed(results.invalid).details).toEqual([{ field: 'paymentInformation.card.number', reason: 'INVALID_DATA' }]);
    const states = sandbox.transactions().map((t) => `${t.kind}:${t.state}`);
    expect(states).toEqual(
      expect.arrayContaining(['authorization:captured', 'incremental:authorized', 'capture:captured', 'refund:pending', 'sale:voided', 'authorization:reversed', 'authorization:declined']),
    );
  });

  const cases: { method: HttpMethod; path: string; body?: string }[] = [
    { method: 'POST', path: '/pts/v2/payments', body: JSON.stringify({ orderInformation: { amountDetails: { totalAmount: '102.21', currency: 'USD' } } }) },
    { method: 'PATCH', path: '/pts/v2/payments/6461731521426399003473', body: '{"orderInformation":{"amountDetails":{"additionalAmount":"50.00"}}}' },
    { method: 'POST', path: '/pts/v2/captures/6662994431376681303954/voids', body: '{}' },
    { method: 'GET', path: '/tss/v2/transactions/6461731521426399003473' },
  ];

  it('signRequest produces the SDK’s Digest and Signature headers for the same inputs', async () => {
    const dateMs = Date.parse('2026-03-02T15:04:05Z');
    const theirs: Record<string, string | undefined>[] = await sdk({ op: 'headers', requests: cases.map(({ method, path, body }) => ({ method, path, body: body ?? '', dateMs })) });
    expect(theirs).toHaveLength(cases.length);
    cases.forEach(({ method, path, body }, index) => {
      const ours = signRequest(
        { method, path, host: `localhost:${sandbox.port}`, date: new Date(dateMs), ...(body !== undefined ? { body: Buffer.from(body) } : {}) },
        sandbox.credentials,
      );
      const sdkHeaders = theirs[index] ?? {};
      expect({ case: `${method} ${path}`, ...ours }).toEqual({
        case: `${method} ${path}`,
        host: sdkHeaders.host,
        date: sdkHeaders.date,
        'v-c-merchant-id': sdkHeaders['v-c-merchant-id'],
        signature: sdkHeaders.signature,
        ...(sdkHeaders.digest !== undefined ? { digest: sdkHeaders.digest } : {}),
      });
      if (method !== 'GET') expect(ours.digest).toMatch(/^SHA-256=/);
    });
  });
});
