/**
 * HTTP Signature authentication as the Visa Acceptance REST API specifies it.
 *
 * The signed string is the `host`, `date`, `request-target`, `digest` (POST/PUT/PATCH only) and
 * `v-c-merchant-id` lines joined by "\n"; the signature is HMAC-SHA256 of it keyed by the
 * base64-decoded shared secret. The gateway and the sandbox compute it the same way.
 */
import { createHash, createHmac } from 'node:crypto';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface SigningCredentials {
  merchantId: string;
  keyId: string;
  /** The shared secret exactly as the Business Center shows it: base64. */
  sharedSecretBase64: string;
}

export interface SignableRequest {
  method: HttpMethod;
  /** Path with query, e.g. `/pts/v2/payments` */
  path: string;
  /** `apitest.cybersource.com`, or `127.0.0.1:4431` for the sandbox */
  host: string;
  /** The exact bytes that will be sent; `undefined` for GET and DELETE. */
  body?: Buffer;
  date: Date;
}

export interface SignedHeaders {
  host: string;
  date: string;
  digest?: string;
  'v-c-merchant-id': string;
  signature: string;
}

export function hasBody(method: HttpMethod): boolean {
  return method === 'POST' || method === 'PUT' || method === 'PATCH';
}

/** `SHA-256=` + base64(SHA-256(body)). */
export function digestOf(body: Buffer): string {
  return `SHA-256=${createHash('sha256').update(body).digest('base64')}`;
}

export function signedHeaderNames(method: HttpMethod): string {
  return hasBody(method) ? 'host date request-target digest v-c-merchant-id' : 'host date request-target v-c-merchant-id';
}

export function signingString(fields: { method: HttpMethod; path: string; host: string; date: string; digest?: string; merchantId: string }): string {
  const lines = [`host: ${fields.host}`, `date: ${fields.date}`, `request-target: ${fields.method.toLowerCase()} ${fields.path}`];
  if (fields.digest !== undefined) lines.push(`digest: ${fields.digest}`);
  lines.push(`v-c-merchant-id: ${fields.merchantId}`);
  return lines.join('\n');
}

export function hmacSignature(text: string, sharedSecretBase64: string): string {
  return createHmac('sha256', Buffer.from(sharedSecretBase64, 'base64')).update(text, 'utf8').digest('base64');
}

export function signRequest(request: SignableRequest, credentials: SigningCredentials): SignedHeaders {
  const date = request.date.toUTCString();
  const digest = hasBody(request.method) ? digestOf(request.body ?? Buffer.alloc(0)) : undefined;
  const text = signingString({ method: request.method, path: request.path, host: request.host, date, digest, merchantId: credentials.merchantId });
  const signature =
    `keyid="${credentials.keyId}", algorithm="HmacSHA256", headers="${signedHeaderNames(request.method)}", ` +
    `signature="${hmacSignature(text, credentials.sharedSecretBase64)}"`;
  const headers: SignedHeaders = { host: request.host, date, 'v-c-merchant-id': credentials.merchantId, signature };
  if (digest !== undefined) headers.digest = digest;
  return headers;
}

/** Reads `keyid="…", algorithm="…", headers="…", signature="…"`; `undefined` if it is not of that form. */
export function parseSignatureHeader(value: string): Record<string, string> | undefined {
  const pattern = /([a-zA-Z]+)="([^"]*)"/g;
  const leftover = value.replace(pattern, '').replace(/[\s,]/g, '');
  const pairs = [...value.matchAll(pattern)];
  if (pairs.length === 0 || leftover !== '') return undefined;
  return Object.fromEntries(pairs.map(([, name = '', parameterValue = '']) => [name, parameterValue]));
}
