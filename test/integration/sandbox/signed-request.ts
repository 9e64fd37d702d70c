/**
 * Test helper: sends a request to the sandbox over real HTTP(S), signed with the terminal's own
 * HTTP Signature code, and returns the status, headers and parsed JSON body.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { signRequest, type HttpMethod, type SigningCredentials } from '../../../main/gateway/http-signature';
import type { SandboxGateway } from '../../../main/sandbox/gateway-server';
import { guideBillTo, guideKeyedCard } from '../../support/guide-customer';

export interface SentReply {
  status: number;
  headers: IncomingHttpHeaders;
  // Tests read arbitrary gateway JSON; a loose type keeps the assertions readable.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface SendOptions {
  date?: Date;
  credentials?: SigningCredentials;
  /** Change the signed headers or the body bytes after signing (to tamper with them). */
  tamper?: (headers: Record<string, string>, body: Buffer | undefined) => { headers: Record<string, string>; body: Buffer | undefined };
  timeoutMs?: number;
  /** Exact body bytes to sign and send instead of `json`. */
  raw?: Buffer;
}

export function send(sandbox: Pick<SandboxGateway, 'baseUrl' | 'credentials' | 'caCertificatePem'>, method: HttpMethod, path: string, json?: unknown, options: SendOptions = {}): Promise<SentReply> {
  const url = new URL(path, sandbox.baseUrl);
  const body = options.raw ?? (json === undefined ? (method === 'GET' ? undefined : Buffer.from('{}')) : Buffer.from(JSON.stringify(json)));
  const signed = signRequest({ method, path, host: url.host, body, date: options.date ?? new Date() }, options.credentials ?? sandbox.credentials);
  let headers: Record<string, string> = { ...signed } as unknown as Record<string, string>;
  if (body) headers['content-type'] = 'application/json';
  let payload = body;
  if (options.tamper) ({ headers, body: payload } = options.tamper(headers, payload));
  if (payload) headers['content-length'] = String(payload.length);
  const requester = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = requester(
      url,
      { method, headers, agent: false, ...(sandbox.caCertificatePem ? { ca: sandbox.caCertificatePem } : {}), timeout: options.timeoutMs ?? 10_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text ? JSON.parse(text) : undefined });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(payload);
  });
}

/** A card-not-present authorization body for a test card, like the guide's basic example. */
export function authorizationBody(amount: string, overrides: Record<string, unknown> = {}, card = '4111111111111111'): Record<string, unknown> {
  return {
    clientReferenceInformation: { code: 'TC50171_3' },
    orderInformation: {
      amountDetails: { totalAmount: amount, currency: 'USD' },
      billTo: guideBillTo,
    },
    paymentInformation: { card: guideKeyedCard(card) },
    ...overrides,
  };
}

/** A clock tests move by hand. */
export function manualClock(start = new Date('2026-03-02T15:00:00Z')): { now: () => Date; advance: (ms: number) => void; set: (date: Date) => void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (date) => {
      current = date.getTime();
    },
  };
}

export const day = 24 * 60 * 60 * 1000;

export const usd = (totalAmount: string): Record<string, unknown> => ({ orderInformation: { amountDetails: { totalAmount, currency: 'USD' } } });
