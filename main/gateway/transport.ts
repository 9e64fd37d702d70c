/**
 * One HTTP exchange with the gateway over node:http/https: keep-alive connections, a connect and
 * a total timeout, the exact body bytes that were signed, and no retries — a resend of a payment
 * is the flows' decision, made with the transactionId in hand.
 *
 * Never rejects: a failure says how far the request got, which decides whether the gateway may
 * have acted on it.
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

export type Exchange =
  | { kind: 'response'; status: number; body: string }
  | {
      kind: 'failure';
      cause: 'connect-timeout' | 'connect-failed' | 'timeout' | 'connection-reset';
      /** True once every byte of the request was handed to the network. */
      requestSent: boolean;
      message: string;
    };

export interface OutgoingRequest {
  method: string;
  /** Path and query, exactly as signed in request-target. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface Timeouts {
  /** TCP connect plus TLS handshake of a new connection. */
  connectMs: number;
  /** From the first byte written to the last byte of the response read. */
  totalMs: number;
}

export interface TransportOptions {
  baseUrl: string;
  timeouts: Timeouts;
  /** A certificate authority to trust besides the system's: the sandbox's self-signed certificate. */
  caCertificatePem?: string;
  /** Connections kept per host; concurrent requests beyond it wait for a free one. */
  maxSockets?: number;
}

export interface Transport {
  exchange(request: OutgoingRequest): Promise<Exchange>;
  /** Closes the kept-alive connections. */
  close(): void;
}

export function createTransport(options: TransportOptions): Transport {
  const url = new URL(options.baseUrl);
  const secure = url.protocol === 'https:';
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 16, scheduling: 'lifo' as const };
  const agent = secure
    ? new https.Agent(options.caCertificatePem === undefined ? agentOptions : { ...agentOptions, ca: options.caCertificatePem })
    : new http.Agent(agentOptions);
  const send = secure ? https.request : http.request;
  const target = { protocol: url.protocol, hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port === '' ? undefined : Number(url.port) };

  function exchange(outgoing: OutgoingRequest): Promise<Exchange> {
    return new Promise((resolve) => {
      let connected = false;
      let requestSent = false;
      let settled = false;
      let connectTimer: NodeJS.Timeout | undefined;

      const settle = (result: Exchange): void => {
        if (settled) return;
        settled = true;
        clearTimeout(totalTimer);
        clearTimeout(connectTimer);
        resolve(result);
      };
      let destroy = (): void => undefined;
      const fail = (cause: 'connect-timeout' | 'connect-failed' | 'timeout' | 'connection-reset', message: string): void => {
        settle({ kind: 'failure', cause, requestSent, message });
        destroy();
      };

      const totalTimer = setTimeout(() => {
        if (connected) fail('timeout', `no complete response within ${options.timeouts.totalMs} ms`);
        else fail('connect-timeout', `no connection within ${options.timeouts.totalMs} ms`);
      }, options.timeouts.totalMs);

      let sending: http.ClientRequest;
      try {
        sending = send({ ...target, method: outgoing.method, path: outgoing.path, headers: outgoing.headers, agent });
      } catch (error) {
        // Node refuses a header or path it cannot send before anything leaves the process.
        return fail('connect-failed', error instanceof Error ? error.message : String(error));
      }
      destroy = () => sending.destroy();

      sending.on('socket', (socket: Socket) => {
        if (sending.reusedSocket) {
          connected = true;
          return;
        }
        connectTimer = setTimeout(() => fail('connect-timeout', `no connection within ${options.timeouts.connectMs} ms`), options.timeouts.connectMs);
        socket.once(secure ? 'secureConnect' : 'connect', () => {
          connected = true;
          clearTimeout(connectTimer);
        });
      });
      sending.on('finish', () => {
        requestSent = true;
      });
      sending.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => settle({ kind: 'response', status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('aborted', () => fail('connection-reset', 'the connection closed in the middle of the response'));
        response.on('error', (error) => fail('connection-reset', error.message));
      });
      sending.on('error', (error: NodeJS.ErrnoException) => {
        if (connected) fail('connection-reset', describe(error));
        else fail('connect-failed', describe(error));
      });
      sending.end(outgoing.body);
    });
  }

  return { exchange, close: () => agent.destroy() };
}

function describe(error: NodeJS.ErrnoException): string {
  return error.code === undefined ? error.message : `${error.code}: ${error.message}`;
}
