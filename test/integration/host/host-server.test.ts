import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '../../../main/log';
import { startHost, type RunningHost } from '../../../main/host/host-server';
import { defaultSettings } from '../../../preload/contract';
import { useTempDir } from '../../support/temp-dir';
import { terminalIn } from '../../support/terminal';

const tempDir = useTempDir();
let running: RunningHost | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start() {
  const dataDir = tempDir();
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Counter</title>');
  writeFileSync(join(dataDir, 'secret.txt'), 'not for browsers');
  const { terminal, logLines } = terminalIn(dataDir);
  running = await startHost({ terminal, rendererDir, logger: createLogger(() => {}) });
  return { url: new URL(running.url), logLines };
}

function get(url: URL, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the bridge and resolves with the socket once open, or rejects with the HTTP status that refused it. */
function connect(address: string, origin: string): Promise<WebSocket> {
  const socket = new WebSocket(address, { origin });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

function bridgeAddress(url: URL): string {
  return new URL('bridge', url).href.replace(/^http/, 'ws');
}

type Message = { kind: string; [key: string]: unknown };

/** Buffers every message from the socket, so two arriving in one read are both seen, in order. */
function inbox(socket: WebSocket): () => Promise<Message> {
  const arrived: Message[] = [];
  const waiting: ((message: Message) => void)[] = [];
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as Message;
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else arrived.push(message);
  });
  return () => {
    const message = arrived.shift();
    return message ? Promise.resolve(message) : new Promise((resolve) => waiting.push(resolve));
  };
}

describe('browser host', () => {
  it('serves the renderer under its token with the security headers', async () => {
    const { url } = await start();
    const page = await get(url, url.pathname);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Counter</title>');
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it.each([
    ['no token', '/'],
    ['no token, a file', '/index.html'],
    ['a wrong token', '/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/'],
  ])('answers 403 to a request with %s', async (_case, path) => {
    const { url } = await start();
    expect((await get(url, path)).status).toBe(403);
  });

  it('answers 403 when the Host header names another site (DNS rebinding)', async () => {
    const { url } = await start();
    expect((await get(url, url.pathname, { host: `evil.example:${url.port}` })).status).toBe(403);
  });

  it('serves nothing outside the renderer folder', async () => {
    const { url } = await start();
    const escape = await get(url, `${url.pathname}..%2Fsecret.txt`);
    expect(escape.status).toBe(404);
    expect(escape.body).not.toContain('not for browsers');
  });

  it('accepts only GET and HEAD', async () => {
    const { url } = await start();
    expect((await get(url, url.pathname, {}, 'POST')).status).toBe(405);
  });

  it('refuses to bind anywhere but loopback', async () => {
    const { terminal } = terminalIn(tempDir());
    await expect(startHost({ terminal, rendererDir: tempDir(), logger: createLogger(() => {}), bindAddress: '0.0.0.0' })).rejects.toThrow(
      'the browser host only binds to a loopback address (127.0.0.0/8, ::1, localhost), not 0.0.0.0',
    );
  });

  it('runs contract calls over the bridge and pushes events', async () => {
    const { url } = await start();
    const socket = await connect(bridgeAddress(url), url.origin);
    const nextMessage = inbox(socket);
    socket.send(JSON.stringify({ id: 1, channel: 'app.info' }));
    expect(await nextMessage()).toMatchObject({ kind: 'result', id: 1, result: { ok: true, value: { name: 'Counter', host: 'browser' } } });

    socket.send(JSON.stringify({ id: 2, channel: 'settings.update', args: { terminalId: 'BAR9' } }));
    expect(await nextMessage()).toEqual({ kind: 'event', event: 'settings.changed', payload: { ...defaultSettings, terminalId: 'BAR9' } });
    expect(await nextMessage()).toMatchObject({ kind: 'result', id: 2, result: { ok: true } });
    socket.close();
  });

  it('answers bad calls with typed errors and keeps serving', async () => {
    const { url } = await start();
    const socket = await connect(bridgeAddress(url), url.origin);
    const nextMessage = inbox(socket);
    socket.send(JSON.stringify({ id: 1, channel: 'drawer.open' }));
    expect(await nextMessage()).toMatchObject({ id: 1, result: { ok: false, error: { code: 'UNKNOWN_CHANNEL' } } });
    socket.send('not json at all');
    socket.send(JSON.stringify({ id: 2, channel: 'settings.update', args: { maxAmountMinor: 'lots' } }));
    expect(await nextMessage()).toMatchObject({
      id: 2,
      result: { ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ field: 'maxAmountMinor' }] } },
    });
    socket.close();
  });

  it.each([
    ['from another origin', (url: URL) => [bridgeAddress(url), 'http://evil.example']],
    ['without the token', (url: URL) => [`ws://${url.host}/bridge`, url.origin]],
    ['with no origin at all', (url: URL) => [bridgeAddress(url), '']],
  ])('refuses a bridge connection %s with 403, running nothing', async (_case, target) => {
    const { url, logLines } = await start();
    const [address = '', origin = ''] = target(url);
    await expect(connect(address, origin)).rejects.toThrow('refused with 403');
    expect(logLines.filter((line) => line.includes('settings updated'))).toEqual([]);
  });
});
