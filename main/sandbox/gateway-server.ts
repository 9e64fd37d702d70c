/**
 * The embedded sandbox gateway: a Visa Acceptance–compatible simulator on 127.0.0.1.
 *
 * It verifies HTTP Signatures like the real gateway, answers the payments endpoints with the
 * gateway's JSON, keeps per-transaction state under the developer guide's rules, settles a
 * daily batch by its (injectable) clock, and injects faults for outage tests.
 * Pure Node: no Electron. See README.md in this folder.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { SigningCredentials } from '../gateway/http-signature';
import type { BusinessDayRule } from '../business-day';
import { generateCertificate } from './certificate';
import { demoCredentials } from './demo-credentials';
import { FaultInjector, type RequestFault, type SandboxFault } from './fault-injector';
import { GatewayError } from './gateway-error';
import { errorBody, utcTimestamp } from './response-parts';
import { matchRoute, sandboxRoutes } from './routes';
import type { Reply, SandboxContext } from './sandbox-context';
import { settlementTotals, type SettlementLine } from './settlement-totals';
import { signatureProblem } from './signature-check';
import { TokenVault } from './token-vault';
import { defaultRetentionBusinessDays, TransactionLedger, utcMidnight, type SandboxTransaction } from './transaction-ledger';

export type { SigningCredentials } from '../gateway/http-signature';
export type { SandboxFault, FaultScope } from './fault-injector';
export type { SandboxTransaction, TransactionKind, TransactionState } from './transaction-ledger';
export type { SettlementLine } from './settlement-totals';
export { demoCredentials } from './demo-credentials';

export interface SandboxGatewayOptions {
  /** 0 (default): an ephemeral port. */
  port?: number;
  /** Serve HTTPS with a self-signed certificate made at start (see `caCertificatePem`). */
  tls?: boolean;
  /** The sandbox's idea of now: signature dates, settlement, the 60- and 180-day rules. */
  clock?: () => Date;
  /** The credentials it accepts (default: `demoCredentials`). */
  credentials?: SigningCredentials;
  /** The daily batch closes at the end of this business day (default: midnight UTC); a terminal passes its store's setting. */
  settlementCutoff?: BusinessDayRule | (() => BusinessDayRule);
  /**
   * Forget a transaction this many business days after its last activity, once its money can no
   * longer move (settled, declined, reversed, voided), so a training terminal can run for months
   * (default 30). Refunds of a forgotten transaction are refused like those of an unknown id.
   */
  forgetAfterBusinessDays?: number;
}

export interface SandboxFaults {
  /** Replaces the active fault. Resolves once it is in effect (for `refuse`: no longer listening). */
  set(fault: SandboxFault): Promise<void>;
  /** Removes the active fault. Resolves once in effect (after `refuse`: listening again on the same port). */
  clear(): Promise<void>;
}

export interface SandboxGateway {
  /** `http(s)://127.0.0.1:PORT` */
  baseUrl: string;
  port: number;
  credentials: SigningCredentials;
  /** With `tls`: the self-signed certificate, which is its own CA. */
  caCertificatePem?: string;
  faults: SandboxFaults;
  /** Closes the open batch now: captures, sales, refunds and credits settle and can no longer be voided. */
  settle(): void;
  /** Every transaction it still remembers (see `forgetAfterBusinessDays`), oldest first, with its current state. */
  transactions(): readonly SandboxTransaction[];
  /** What the ledger will settle (settled or still in the open batch), per card type and currency. */
  settlementTotals(): SettlementLine[];
  close(): Promise<void>;
}

const maxBodyBytes = 1024 * 1024;

function send(response: ServerResponse, reply: Reply, extraHeaders: Record<string, string> = {}): void {
  const text = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    'content-type': 'application/hal+json;charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'v-c-correlation-id': randomUUID(),
    ...extraHeaders,
  });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    let ended = false;
    request.on('end', () => {
      ended = true;
      resolve(size > maxBodyBytes ? undefined : Buffer.concat(chunks));
    });
    request.on('error', reject);
    request.on('close', () => {
      if (!ended) reject(new Error('the client went away before sending the whole request'));
    });
  });
}

function retentionDays(days: number | undefined): number {
  if (days === undefined) return defaultRetentionBusinessDays;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`forgetAfterBusinessDays must be a whole number of days, 1 or more, not ${days}`);
  return days;
}

export async function startSandboxGateway(options: SandboxGatewayOptions = {}): Promise<SandboxGateway> {
  const clock = options.clock ?? (() => new Date());
  const credentials: SigningCredentials = { ...(options.credentials ?? demoCredentials) };
  const cutoff = options.settlementCutoff ?? utcMidnight;
  const ledger = new TransactionLedger(typeof cutoff === 'function' ? cutoff : () => cutoff, { businessDays: retentionDays(options.forgetAfterBusinessDays) });
  const context: SandboxContext = { ledger, vault: new TokenVault(), now: clock };
  const routes = sandboxRoutes(credentials.merchantId);
  const injector = new FaultInjector();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const tls = options.tls ? await generateCertificate() : undefined;

  /** Authenticates, routes and runs one request; never throws. */
  function answer(method: string, url: string, request: IncomingMessage, body: Buffer): { reply: Reply; headers?: Record<string, string> } {
    const now = clock();
    ledger.settleDue(now);
    ledger.forgetDue(now);
    const problem = signatureProblem({ method, path: url, headers: request.headers, body }, credentials, now);
    if (problem) return { reply: { status: 401, body: { response: { rmsg: 'Authentication Failed' } } }, headers: { 'x-sandbox-auth-problem': problem } };
    const pathname = url.split('?')[0] ?? url;
    const match = matchRoute(routes, method, pathname);
    if (match === undefined) return { reply: { status: 404, body: errorBody(new GatewayError(404, 'NOT_FOUND', 'NOT_FOUND', `No resource at ${pathname}.`), now) } };
    if (match === 'method') return { reply: { status: 405, body: errorBody(new GatewayError(405, 'NOT_ALLOWED', 'NOT_SUPPORTED', `${method} is not allowed on ${pathname}.`), now) } };
    let parsed: unknown;
    try {
      parsed = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch {
      const error = new GatewayError(400, 'INVALID_REQUEST', 'INVALID_DATA', 'Declined - The request body is not valid JSON.');
      return { reply: { status: 400, body: errorBody(error, now) } };
    }
    try {
      return { reply: match.route.handler({ body: parsed, params: match.params }, context) };
    } catch (error) {
      if (error instanceof GatewayError) return { reply: { status: error.httpStatus, body: errorBody(error, now) } };
      console.error('sandbox gateway: handler failed', error instanceof Error ? error.stack : error);
      return { reply: { status: 502, body: { submitTimeUtc: utcTimestamp(now), status: 'SERVER_ERROR', reason: 'SYSTEM_ERROR', message: 'General system failure.' } } };
    }
  }

  function later(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase();
    const url = request.url ?? '/';
    const body = await readBody(request);
    if (body === undefined) {
      send(response, { status: 413, body: { status: 'INVALID_REQUEST', reason: 'INVALID_DATA', message: 'The request body is too large.' } });
      return;
    }
    const fault: RequestFault | undefined = injector.take(method, url.split('?')[0] ?? url);
    if (!fault) {
      const { reply, headers } = answer(method, url, request, body);
      send(response, reply, headers);
      return;
    }
    switch (fault.kind) {
      case 'latency': {
        const { reply, headers } = answer(method, url, request, body);
        later(fault.ms, () => {
          if (!response.destroyed) send(response, reply, headers);
        });
        return;
      }
      case 'hang':
        if (fault.processed) answer(method, url, request, body);
        return;
      case 'drop':
        if (fault.processed) answer(method, url, request, body);
        request.socket.destroy();
        return;
      case 'error': {
        if (fault.processed) answer(method, url, request, body);
        const status = fault.status ?? 502;
        send(response, { status, body: { submitTimeUtc: utcTimestamp(clock()), status: 'SERVER_ERROR', reason: status === 504 ? 'SERVER_TIMEOUT' : 'SYSTEM_ERROR', message: 'Error - General system failure.' } });
        return;
      }
    }
  }

  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    handle(request, response).catch(() => {
      request.socket.destroy();
    });
  };
  const server: Server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, listener) : createHttpServer(listener);
  // Longer than clients keep idle sockets, so a reused keep-alive socket is never closed under them.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  let listening = false;
  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        listening = true;
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  const stopListening = (): Promise<void> =>
    new Promise((resolve) => {
      if (!listening) {
        resolve();
        return;
      }
      listening = false;
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections?.();
    });

  const port = await listen(options.port ?? 0);
  const scheme = tls ? 'https' : 'http';

  const faults: SandboxFaults = {
    async set(fault) {
      injector.set(fault);
      if (fault.kind === 'refuse') await stopListening();
      else if (!listening) await listen(port);
    },
    async clear() {
      injector.clear();
      if (!listening) await listen(port);
    },
  };

  return {
    baseUrl: `${scheme}://127.0.0.1:${port}`,
    port,
    credentials: { ...credentials },
    ...(tls ? { caCertificatePem: tls.cert } : {}),
    faults,
    settle() {
      const now = clock();
      ledger.settleDue(now);
      ledger.settleAll(now);
    },
    transactions() {
      const now = clock();
      ledger.settleDue(now);
      ledger.forgetDue(now);
      return ledger.all().map((entry) => ledger.snapshot(entry));
    },
    settlementTotals() {
      ledger.settleDue(clock());
      return settlementTotals(ledger.all());
    },
    async close() {
      injector.clear();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await stopListening();
    },
  };
}
