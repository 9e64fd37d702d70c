/**
 * Gateway credentials in a real OS keychain: keytar → Secret Service → gnome-keyring, in the
 * private D-Bus session `npm test` starts.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { keytarSecretStore } from '../../../main/secrets/secret-store';
import { useTempDir } from '../../support/temp-dir';
import { call, terminalIn } from '../../support/terminal';

const tempDir = useTempDir();
const sharedSecret = Buffer.from('a shared secret of thirty-two b!').toString('base64');
const keyId = '08c94330-f618-42a3-b09d-e1e43be5efda';
let service = '';

afterEach(async () => {
  const store = keytarSecretStore(service);
  for (const account of await store.list()) await store.delete(account);
});

/** Reads the keychain from another process, as a restarted terminal would. */
async function readInAnotherProcess(account: string): Promise<string | null> {
  const script = `require('keytar').getPassword(process.argv[1], process.argv[2]).then((v) => process.stdout.write(JSON.stringify(v)))`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, service, account]);
  return JSON.parse(stdout) as string | null;
}

function newTerminal() {
  service = `counter-test-${randomUUID()}`;
  return terminalIn(tempDir(), service);
}

describe('gateway credentials in the keychain', () => {
  it('stores each credential where another process can read it, and answers only with presence', async () => {
    const { terminal, logLines } = newTerminal();
    expect(await call(terminal, 'credentials.status', { environment: 'test' })).toEqual({
      ok: true,
      value: { environment: 'test', merchantId: false, keyId: false, sharedSecret: false },
    });

    const saved = await call(terminal, 'credentials.set', { environment: 'test', merchantId: 'harbour_cafe', keyId, sharedSecret });
    expect(saved).toEqual({ ok: true, value: { environment: 'test', merchantId: true, keyId: true, sharedSecret: true } });
    expect(JSON.stringify(saved)).not.toContain(sharedSecret);

    expect(await readInAnotherProcess('test/sharedSecret')).toBe(sharedSecret);
    expect(await readInAnotherProcess('test/merchantId')).toBe('harbour_cafe');
    expect(await call(terminal, 'credentials.status', { environment: 'production' })).toMatchObject({ ok: true, value: { merchantId: false } });
    expect(logLines.join('')).not.toContain(sharedSecret);
    expect(logLines.join('')).not.toContain(keyId);
  });

  it('replaces one credential without touching the others', async () => {
    const { terminal } = newTerminal();
    await call(terminal, 'credentials.set', { environment: 'test', merchantId: 'harbour_cafe', keyId, sharedSecret });
    const replacement = Buffer.from('another secret, also 32 bytes!!').toString('base64');
    await call(terminal, 'credentials.set', { environment: 'test', sharedSecret: replacement });
    expect(await readInAnotherProcess('test/sharedSecret')).toBe(replacement);
    expect(await readInAnotherProcess('test/keyId')).toBe(keyId);
  });

  it('clears an environment so no process can read it any more', async () => {
    const { terminal } = newTerminal();
    await call(terminal, 'credentials.set', { environment: 'production', merchantId: 'harbour_cafe', keyId, sharedSecret });
    expect(await call(terminal, 'credentials.clear', { environment: 'production' })).toEqual({
      ok: true,
      value: { environment: 'production', merchantId: false, keyId: false, sharedSecret: false },
    });
    expect(await readInAnotherProcess('production/sharedSecret')).toBeNull();
  });

  it.each([
    [{ environment: 'test', sharedSecret: 'not base64!' }, 'sharedSecret'],
    [{ environment: 'test', sharedSecret: 'c2hvcnQ=' }, 'sharedSecret'],
    [{ environment: 'test', merchantId: 'harbour cafe' }, 'merchantId'],
    [{ environment: 'test', keyId: 'x' }, 'keyId'],
    [{ environment: 'staging', keyId }, 'environment'],
    [{ environment: 'test' }, '(arguments)'],
  ])('refuses %j naming %s, storing nothing', async (update, field) => {
    const { terminal, logLines } = newTerminal();
    const result = await terminal.dispatch('credentials.set', update);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ field }] } });
    expect(await keytarSecretStore(service).list()).toEqual([]);
    expect(logLines.join('')).not.toContain('not base64!');
  });
});
