/**
 * HTTP Signature verification: every way a request can fail authentication answers 401 and
 * records nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../../main/gateway/http-signature';
import { startSandboxGateway, type SandboxGateway } from '../../../main/sandbox/gateway-server';
import { authorizationBody, send, type SendOptions } from './signed-request';

let sandbox: SandboxGateway;

beforeAll(async () => {
  sandbox = await startSandboxGateway();
});

afterAll(async () => {
  await sandbox.close();
});

async function rejected(options: SendOptions, problem: RegExp, path = '/pts/v2/payments', method: 'POST' | 'GET' = 'POST'): Promise<void> {
  const before = sandbox.transactions().length;
  const reply = await send(sandbox, method, path, method === 'POST' ? authorizationBody('10.00') : undefined, options);
  expect(reply.status).toBe(401);
  expect(reply.body).toEqual({ response: { rmsg: 'Authentication Failed' } });
  expect(reply.headers['x-sandbox-auth-problem']).toMatch(problem);
  expect(sandbox.transactions().length).toBe(before);
}

describe('sandbox gateway HTTP Signature checks', () => {
  it('accepts a correctly signed request', async () => {
    expect((await send(sandbox, 'POST', '/pts/v2/payments', authorizationBody('10.00'))).status).toBe(201);
  });

  it('rejects a wrong shared secret', async () => {
    await rejected({ credentials: { ...sandbox.credentials, sharedSecretBase64: Buffer.alloc(32, 7).toString('base64') } }, /signature does not match/);
  });

  it('rejects an unknown key id', async () => {
    await rejected({ credentials: { ...sandbox.credentials, keyId: 'a1b2c3d4-0000-0000-0000-000000000000' } }, /unknown key id/);
  });

  it('rejects an unknown merchant id', async () => {
    await rejected({ credentials: { ...sandbox.credentials, merchantId: 'someone_else' } }, /unknown merchant id/);
  });

  it('rejects a tampered body (digest mismatch)', async () => {
    await rejected(
      { tamper: (headers, body) => ({ headers, body: Buffer.from((body ?? Buffer.alloc(0)).toString().replace('10.00', '1.00')) }) },
      /digest does not match/,
    );
  });

  it('rejects a forged digest that matches the tampered body but not the signature', async () => {
    await rejected(
      {
        tamper: (headers, body) => {
          const forged = Buffer.from((body ?? Buffer.alloc(0)).toString().replace('10.00', '1.00'));
          const { digest } = signRequest({ method: 'POST', path: '/pts/v2/payments', host: headers.host ?? '', body: forged, date: new Date() }, sandbox.credentials);
          return { headers: { ...headers, digest: digest ?? '' }, body: forged };
        },
      },
      /signature does not match/,
    );
  });

  for (const name of ['signature', 'digest', 'date', 'v-c-merchant-id']) {
    it(`rejects a request without the ${name} header`, async () => {
      await rejected(
        {
          tamper: (headers, body) => ({ headers: Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name)), body }),
        },
        /missing/,
      );
    });
  }

  it('rejects a signature that does not cover the digest', async () => {
    await rejected({ tamper: (headers, body) => ({ headers: { ...headers, signature: (headers.signature ?? '').replace(' digest', '') }, body }) }, /does not cover digest/);
  });

  it('rejects a malformed signature header and another algorithm', async () => {
    await rejected({ tamper: (headers, body) => ({ headers: { ...headers, signature: 'nonsense' }, body }) }, /malformed/);
    await rejected({ tamper: (headers, body) => ({ headers: { ...headers, signature: (headers.signature ?? '').replace('HmacSHA256', 'HmacSHA1') }, body }) }, /algorithm/);
  });

  it('rejects a date more than 15 minutes off, either way, and accepts one within', async () => {
    await rejected({ date: new Date(Date.now() - 16 * 60 * 1000) }, /15 minutes/);
    await rejected({ date: new Date(Date.now() + 16 * 60 * 1000) }, /15 minutes/);
    expect((await send(sandbox, 'POST', '/pts/v2/payments', authorizationBody('10.00'), { date: new Date(Date.now() - 14 * 60 * 1000) })).status).toBe(201);
  });

  it('rejects a request signed for another path or host', async () => {
    await rejected({ tamper: (headers, body) => ({ headers: { ...headers, host: 'apitest.cybersource.com' }, body }) }, /signature does not match/);
  });

  it('checks GET requests too (no digest needed)', async () => {
    await rejected({ credentials: { ...sandbox.credentials, sharedSecretBase64: Buffer.alloc(32, 1).toString('base64') } }, /signature does not match/, '/tss/v2/transactions/1', 'GET');
  });
});
