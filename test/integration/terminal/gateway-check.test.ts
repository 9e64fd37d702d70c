/**
 * "Test connection": one signed request to the environment the settings choose, with the
 * credentials the keychain holds for it — against the embedded sandbox and against a sandbox
 * standing in for the real test gateway over HTTPS.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxGateway, type SandboxGateway } from '../../../main/sandbox/gateway-server';
import type { Terminal } from '../../../main/terminal';
import { useTempDir } from '../../support/temp-dir';
import { call, terminalIn } from '../../support/terminal';

const tempDir = useTempDir();
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const resource of opened.splice(0)) await resource.close();
});

async function remoteGateway(): Promise<SandboxGateway> {
  const gateway = await startSandboxGateway({ tls: true });
  opened.push(gateway);
  return gateway;
}

function terminalTrusting(gateway?: SandboxGateway): Terminal {
  const { terminal } = terminalIn(tempDir(), undefined, gateway?.caCertificatePem ? { gatewayCaPem: gateway.caCertificatePem } : {});
  opened.push(terminal);
  return terminal;
}

async function pointAt(terminal: Terminal, gateway: SandboxGateway) {
  await call(terminal, 'settings.update', { environment: 'test', customBaseUrl: gateway.baseUrl.replace('127.0.0.1', 'localhost') });
}

describe('gateway.test', () => {
  it('connects to the embedded sandbox out of the box, with no credentials to set', async () => {
    const terminal = terminalTrusting();
    const check = await call(terminal, 'gateway.test');
    expect(check).toMatchObject({ ok: true, value: { environment: 'sandbox', verdict: 'connected', baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) } });
  });

  it('says what is missing when the environment has no credentials', async () => {
    const terminal = terminalTrusting();
    await call(terminal, 'settings.update', { environment: 'production' });
    expect(await call(terminal, 'gateway.test')).toEqual({
      ok: false,
      error: { code: 'NOT_CONFIGURED', message: 'no gateway credentials for production: set the merchant id, key id and shared secret in Settings' },
    });
  });

  it('connects with the right credentials and says so', async () => {
    const gateway = await remoteGateway();
    const terminal = terminalTrusting(gateway);
    await pointAt(terminal, gateway);
    const { merchantId, keyId, sharedSecretBase64 } = gateway.credentials;
    await call(terminal, 'credentials.set', { environment: 'test', merchantId, keyId, sharedSecret: sharedSecretBase64 });
    expect(await call(terminal, 'gateway.test')).toMatchObject({ ok: true, value: { environment: 'test', verdict: 'connected' } });
  });

  it('reports credentials the gateway refuses, and picks up corrected ones without a restart', async () => {
    const gateway = await remoteGateway();
    const terminal = terminalTrusting(gateway);
    await pointAt(terminal, gateway);
    const { merchantId, keyId } = gateway.credentials;
    const wrongSecret = Buffer.from('thirty-two bytes of wrong secret').toString('base64');
    await call(terminal, 'credentials.set', { environment: 'test', merchantId, keyId, sharedSecret: wrongSecret });
    expect(await call(terminal, 'gateway.test')).toMatchObject({ ok: true, value: { verdict: 'rejected', message: expect.stringContaining('HTTP 401') } });

    await call(terminal, 'credentials.set', { environment: 'test', sharedSecret: gateway.credentials.sharedSecretBase64 });
    expect(await call(terminal, 'gateway.test')).toMatchObject({ ok: true, value: { verdict: 'connected' } });
  });

  it('reports an unreachable gateway', async () => {
    const gateway = await remoteGateway();
    const terminal = terminalTrusting(gateway);
    await pointAt(terminal, gateway);
    const { merchantId, keyId, sharedSecretBase64 } = gateway.credentials;
    await call(terminal, 'credentials.set', { environment: 'test', merchantId, keyId, sharedSecret: sharedSecretBase64 });
    await gateway.faults.set({ kind: 'refuse' });
    expect(await call(terminal, 'gateway.test')).toMatchObject({ ok: true, value: { verdict: 'unreachable' } });
  });
});

describe('sandbox.fault (training mode)', () => {
  it('makes the embedded sandbox misbehave and recover, as the gateway check shows', async () => {
    const terminal = terminalTrusting();
    expect(await call(terminal, 'sandbox.fault', { kind: 'refuse' })).toEqual({ ok: true, value: { kind: 'refuse' } });
    expect(await call(terminal, 'gateway.test')).toMatchObject({ ok: true, value: { verdict: 'unreachable' } });
    await call(terminal, 'sandbox.fault', { kind: 'error', status: 503 });
    expect(await call(terminal, 'gateway.test')).toMatchObject({ ok: true, value: { verdict: 'unreachable', message: expect.stringContaining('503') } });
    await call(terminal, 'sandbox.fault', { kind: 'none' });
    expect(await call(terminal, 'gateway.test')).toMatchObject({ ok: true, value: { verdict: 'connected' } });
  });

  it('is refused outside training mode', async () => {
    const terminal = terminalTrusting();
    await call(terminal, 'settings.update', { environment: 'production' });
    expect(await call(terminal, 'sandbox.fault', { kind: 'hang' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a fault it does not know, naming the field', async () => {
    const terminal = terminalTrusting();
    expect(await terminal.dispatch('sandbox.fault', { kind: 'error', status: 200 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', fields: [{ field: 'status' }] },
    });
  });
});
