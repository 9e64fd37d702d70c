/**
 * The browser host: serves the built renderer on a loopback address and implements `window.pos`
 * over a WebSocket, with the same dispatcher Electron IPC uses.
 *
 * Every request must carry the per-start token as the first path segment, and must name this
 * server in its Host header (no DNS rebinding); the WebSocket must also come from this origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { securityHeaders } from '../content-security-policy';
import type { Logger } from '../log';
import { contentTypeOf, resolveRendererFile } from '../renderer-files';
import type { Terminal } from '../terminal';
import { BridgeRequest, type BridgeMessage } from './bridge-protocol';

export interface HostOptions {
  terminal: Terminal;
  rendererDir: string;
  logger: Logger;
  bindAddress?: string;
  port?: number;
}

export interface RunningHost {
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

export function isLoopbackAddress(address: string): boolean {
  if (address === 'localhost' || address === '::1') return true;
  return isIP(address) === 4 && address.startsWith('127.');
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const bindAddress = options.bindAddress ?? '127.0.0.1';
  if (!isLoopbackAddress(bindAddress)) {
    throw new Error(`the browser host only binds to a loopback address (127.0.0.0/8, ::1, localhost), not ${bindAddress}`);
  }
  const { terminal, logger } = options;
  const token = randomBytes(24).toString('base64url');
  const server = createServer();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindAddress, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const authority = `${bindAddress.includes(':') ? `[${bindAddress}]` : bindAddress}:${port}`;
  const allowedHosts = new Set([authority, `localhost:${port}`]);
  const allowedOrigins = new Set([...allowedHosts].map((host) => `http://${host}`));

  const tokenOf = (request: IncomingMessage): { valid: boolean; rest: string } => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    const [, first = '', ...rest] = path.split('/');
    const valid =
      allowedHosts.has(request.headers.host ?? '') &&
      first.length === token.length &&
      timingSafeEqual(Buffer.from(first), Buffer.from(token));
    return { valid, rest: rest.join('/') };
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const { valid, rest } = tokenOf(request);
    if (!valid) return refuse(response, 403, 'forbidden', logger, request);
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'method not allowed', logger, request);
    void serveFile(options.rendererDir, rest, response);
  });

  server.on('upgrade', (request, socket, head) => {
    const { valid, rest } = tokenOf(request);
    const origin = request.headers.origin ?? '';
    if (!valid || rest !== 'bridge' || !allowedOrigins.has(origin)) {
      logger.log('warn', 'browser host refused a bridge connection', { origin, path: redactToken(request.url ?? '') });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => bridge(ws, terminal, logger));
  });

  return {
    url: `http://${authority}/${token}/`,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function bridge(ws: WebSocket, terminal: Terminal, logger: Logger): void {
  const send = (message: BridgeMessage) => ws.send(JSON.stringify(message));
  const unsubscribe = terminal.events.subscribe((event, payload) => send({ kind: 'event', event, payload }));
  ws.on('close', unsubscribe);
  ws.on('message', async (data, isBinary) => {
    const request = isBinary ? undefined : BridgeRequest.safeParse(parseJson(data.toString()));
    if (!request?.success) {
      logger.log('warn', 'browser host dropped a malformed bridge message');
      return;
    }
    const result = await terminal.dispatch(request.data.channel, request.data.args);
    send({ kind: 'result', id: request.data.id, result });
  });
}

async function serveFile(root: string, relativePath: string, response: ServerResponse): Promise<void> {
  const file = resolveRendererFile(root, relativePath);
  if (!file) return respond(response, 404, 'not found');
  try {
    const body = await readFile(file);
    response.writeHead(200, { ...securityHeaders, 'Content-Type': contentTypeOf(file) });
    response.end(body);
  } catch {
    respond(response, 404, 'not found');
  }
}

function refuse(response: ServerResponse, status: number, text: string, logger: Logger, request: IncomingMessage): void {
  logger.log('warn', 'browser host refused a request', { status, method: request.method, path: redactToken(request.url ?? '') });
  respond(response, status, text);
}

function respond(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}

/** The token is a credential: never log it, even a wrong one someone guessed. */
function redactToken(url: string): string {
  return url.replace(/^\/[^/?]*/, '/[token]');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
