/**
 * Verifies a request's HTTP Signature the way the gateway does.
 *
 * The `headers` parameter of the `Signature` header names the signed lines; each is rebuilt from
 * the request as received (`request-target` from its method and path) and the HMAC-SHA256 keyed
 * with the merchant's base64-decoded shared secret must match. POST/PUT/PATCH must sign a
 * `digest` that matches the body; `date` must be within 15 minutes of the sandbox's clock.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { digestOf, hmacSignature, parseSignatureHeader, type SigningCredentials } from '../gateway/http-signature';

export const maxClockSkewMs = 15 * 60 * 1000;

export interface ReceivedRequest {
  method: string;
  /** Path with query, as on the request line. */
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `undefined` when the request is authentic; otherwise why it is not (never includes secrets). */
export function signatureProblem(request: ReceivedRequest, credentials: SigningCredentials, now: Date): string | undefined {
  const signatureHeader = header(request.headers, 'signature');
  if (!signatureHeader) return 'missing signature header';
  const parameters = parseSignatureHeader(signatureHeader);
  if (!parameters) return 'malformed signature header';
  const { keyid, algorithm, headers: signedNames, signature } = parameters;
  if (!keyid || !algorithm || !signedNames || !signature) return 'signature header lacks keyid, algorithm, headers or signature';
  if (algorithm !== 'HmacSHA256') return `unsupported algorithm ${algorithm}`;
  if (keyid !== credentials.keyId) return 'unknown key id';

  const merchantId = header(request.headers, 'v-c-merchant-id');
  if (!merchantId) return 'missing v-c-merchant-id header';
  if (merchantId !== credentials.merchantId) return 'unknown merchant id';

  const names = signedNames.toLowerCase().split(/\s+/).filter(Boolean);
  const method = request.method.toUpperCase();
  const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  const required = ['host', 'date', 'request-target', 'v-c-merchant-id', ...(hasBody ? ['digest'] : [])];
  for (const name of required) if (!names.includes(name)) return `signature does not cover ${name}`;

  const dateText = header(request.headers, 'date');
  if (!dateText) return 'missing date header';
  const date = Date.parse(dateText);
  if (Number.isNaN(date)) return 'unreadable date header';
  if (Math.abs(date - now.getTime()) > maxClockSkewMs) return 'date header is more than 15 minutes off';

  if (hasBody) {
    const digest = header(request.headers, 'digest');
    if (!digest) return 'missing digest header';
    if (!sameText(digest, digestOf(request.body))) return 'digest does not match the body';
  }

  const lines: string[] = [];
  for (const name of names) {
    if (name === 'request-target') {
      lines.push(`request-target: ${request.method.toLowerCase()} ${request.path}`);
      continue;
    }
    const value = header(request.headers, name);
    if (value === undefined) return `missing ${name} header`;
    lines.push(`${name}: ${value}`);
  }
  const expected = hmacSignature(lines.join('\n'), credentials.sharedSecretBase64);
  if (!sameText(signature, expected)) return 'signature does not match';
  return undefined;
}
