/**
 * The standalone sandbox (`npm run sandbox -- --port N --tls --cutoff H --time-zone Z`): it prints
 * its base URL, the demo credentials, the CA file and when its batch settles, and answers requests
 * signed with them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { authorizationBody, send } from './signed-request';

let child: ChildProcess | undefined;

afterEach(() => {
  child?.kill('SIGTERM');
  child = undefined;
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts the CLI and resolves with its output once it has printed everything it prints at start. */
function startCli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, ['--import', 'tsx', 'main/sandbox/cli.ts', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ctrl+C')) resolve(output);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited (${code}): ${output}`)));
  });
}

function field(output: string, label: string): string {
  const match = new RegExp(`${label}:\\s+(\\S+)`).exec(output);
  if (!match?.[1]) throw new Error(`no ${label} in ${output}`);
  return match[1];
}

describe('npm run sandbox', () => {
  it('starts over HTTPS on the given port and prints what a client needs', async () => {
    const port = await freePort();
    const caFile = join(tmpdir(), `counter-sandbox-cli-${port}.pem`);
    const output = await startCli(['--port', String(port), '--tls', '--ca-file', caFile]);
    expect(output).toContain(`https://127.0.0.1:${port}`);
    const credentials = { merchantId: field(output, 'merchant id'), keyId: field(output, 'key id'), sharedSecretBase64: field(output, 'shared secret \\(b64\\)') };
    expect(field(output, 'CA certificate')).toBe(caFile);
    const caCertificatePem = readFileSync(caFile, 'utf8');
    const reply = await send({ baseUrl: `https://127.0.0.1:${port}`, credentials, caCertificatePem }, 'POST', '/pts/v2/payments', authorizationBody('10.00'));
    expect(reply.body.status).toBe('AUTHORIZED');
    rmSync(caFile, { force: true });
  });

  it('starts over HTTP on an ephemeral port by default', async () => {
    const output = await startCli([]);
    const baseUrl = /listening on (\S+)/.exec(output)?.[1] ?? '';
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const credentials = { merchantId: field(output, 'merchant id'), keyId: field(output, 'key id'), sharedSecretBase64: field(output, 'shared secret \\(b64\\)') };
    expect((await send({ baseUrl, credentials }, 'GET', '/tss/v2/transactions/1')).status).toBe(404);
  });

  it('says how long it remembers transactions, and refuses a retention that is not a whole number of days', async () => {
    expect(await startCli(['--forget-after', '45'])).toContain('forgets transactions: 45 business days after they settle');
    child?.kill('SIGTERM');
    await expect(startCli(['--forget-after', '0'])).rejects.toThrow(/--forget-after must be a whole number of business days/);
  });

  it('refuses a bad port', async () => {
    await expect(startCli(['--port', 'seventy'])).rejects.toThrow(/--port/);
  });

  it("settles at a store's cut-off hour in its time zone, and names the option it refuses", async () => {
    const output = await startCli(['--cutoff', '4', '--time-zone', 'America/New_York']);
    expect(output).toMatch(/batch settles at:\s+04:00 America\/New_York/);
    child?.kill('SIGTERM');
    await expect(startCli(['--cutoff', '24'])).rejects.toThrow(/--cutoff must be 0 to 23/);
    await expect(startCli(['--time-zone', 'Mars/Olympus'])).rejects.toThrow(/--time-zone must be an IANA time zone/);
  });
});
