import { createHash, createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { digestOf, parseSignatureHeader, signingString, signRequest, type HttpMethod, type SigningCredentials } from '../../../main/gateway/http-signature';

/** The SDK's public sample credentials: safe to print, useless anywhere real. */
const credentials: SigningCredentials = {
  merchantId: 'testrest',
  keyId: '08c94330-f618-42a3-b09d-e1e43be5efda',
  sharedSecretBase64: 'yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE=',
};
const date = new Date('Thu, 18 Jul 2019 00:18:03 GMT');
const host = 'apitest.cybersource.com';
const paymentBody = '{"clientReferenceInformation":{"code":"TC50171_3"},"orderInformation":{"amountDetails":{"totalAmount":"102.21","currency":"USD"}}}';
const incrementBody = '{"orderInformation":{"amountDetails":{"additionalAmount":"50.00","currency":"USD"}}}';

interface SdkSigner {
  getToken(config: object, logger: object, date: string): string;
}

/** The vendor SDK's own HTTP Signature code, fed the same request through the config object it reads. */
function sdkSignatureHeader(method: HttpMethod, path: string, body: string): string {
  const require = createRequire(import.meta.url);
  const signer = require('cybersource-rest-client/src/authentication/http/HTTPSigToken.js') as SdkSigner;
  const config = {
    getRequestHost: () => host,
    getRequestType: () => method,
    getRequestTarget: () => path,
    getRequestJsonData: () => body,
    getUseMetaKey: () => false,
    getMerchantID: () => credentials.merchantId,
    getMerchantKeyID: () => credentials.keyId,
    getMerchantsecretKey: () => credentials.sharedSecretBase64,
  };
  return signer.getToken(config, { info: () => undefined, error: () => undefined }, date.toUTCString());
}

describe('signRequest test vectors', () => {
  const vectors: { method: HttpMethod; path: string; body?: string; signature: string; digest?: string }[] = [
    {
      method: 'POST',
      path: '/pts/v2/payments',
      body: paymentBody,
      digest: 'SHA-256=rF9mfJHA9pS+FDJOW9yznnHnEgzwY9seZwrgVmnhcZ8=',
      signature: 'QIR32JRDTfeYEy9u7UJckQrfNYyORqDb5YzXc9aYalw=',
    },
    { method: 'GET', path: '/tss/v2/transactions/6461731521426399003473', signature: '3cIdpMvjLRal8r2DwImc2Ce+75h43t1byTbei7lljMk=' },
    { method: 'PATCH', path: '/pts/v2/payments/6461731521426399003473', body: incrementBody, signature: 'CVOHnZOOmDRrHvPdMrxbNnoywbtt4c7+iKv6SuChaZ4=' },
  ];

  it.each(vectors)('$method $path gives the pinned headers', (vector) => {
    const body = vector.body === undefined ? undefined : Buffer.from(vector.body, 'utf8');
    const headers = signRequest({ method: vector.method, path: vector.path, host, body, date }, credentials);
    const signedNames = vector.body === undefined ? 'host date request-target v-c-merchant-id' : 'host date request-target digest v-c-merchant-id';
    expect(headers).toEqual({
      host,
      date: 'Thu, 18 Jul 2019 00:18:03 GMT',
      'v-c-merchant-id': 'testrest',
      ...(vector.body === undefined ? {} : { digest: digestOf(Buffer.from(vector.body)) }),
      signature: `keyid="${credentials.keyId}", algorithm="HmacSHA256", headers="${signedNames}", signature="${vector.signature}"`,
    });
    if (vector.digest !== undefined) expect(headers.digest).toBe(vector.digest);
  });

  it.each(vectors)('$method $path matches the vendor SDK signing the same request', (vector) => {
    const body = vector.body === undefined ? undefined : Buffer.from(vector.body, 'utf8');
    const headers = signRequest({ method: vector.method, path: vector.path, host, body, date }, credentials);
    expect(headers.signature).toBe(sdkSignatureHeader(vector.method, vector.path, vector.body ?? ''));
  });

  it('matches a signature computed by hand with node:crypto', () => {
    const bytes = Buffer.from(paymentBody, 'utf8');
    const digest = `SHA-256=${createHash('sha256').update(bytes).digest('base64')}`;
    const text = [
      `host: ${host}`,
      'date: Thu, 18 Jul 2019 00:18:03 GMT',
      'request-target: post /pts/v2/payments',
      `digest: ${digest}`,
      'v-c-merchant-id: testrest',
    ].join('\n');
    const expected = createHmac('sha256', Buffer.from(credentials.sharedSecretBase64, 'base64')).update(text).digest('base64');
    const headers = signRequest({ method: 'POST', path: '/pts/v2/payments', host, body: bytes, date }, credentials);
    expect(parseSignatureHeader(headers.signature)?.signature).toBe(expected);
    expect(signingString({ method: 'POST', path: '/pts/v2/payments', host, date: headers.date, digest, merchantId: 'testrest' })).toBe(text);
  });

  it('digests the exact bytes: multi-byte characters count as bytes, not characters', () => {
    const body = Buffer.from('{"billTo":{"lastName":"Müller"}}', 'utf8');
    expect(digestOf(body)).toBe(`SHA-256=${createHash('sha256').update(body).digest('base64')}`);
    expect(digestOf(body)).not.toBe(digestOf(Buffer.from('{"billTo":{"lastName":"Müller"}}', 'latin1')));
  });

  it('signs a different secret, date, host or body to a different signature', () => {
    const base = signRequest({ method: 'POST', path: '/pts/v2/payments', host, body: Buffer.from(paymentBody), date }, credentials).signature;
    const variants = [
      signRequest({ method: 'POST', path: '/pts/v2/payments', host, body: Buffer.from(paymentBody), date }, { ...credentials, sharedSecretBase64: 'c2VjcmV0' }),
      signRequest({ method: 'POST', path: '/pts/v2/payments', host, body: Buffer.from(paymentBody), date: new Date(date.getTime() + 1000) }, credentials),
      signRequest({ method: 'POST', path: '/pts/v2/payments', host: 'api.cybersource.com', body: Buffer.from(paymentBody), date }, credentials),
      signRequest({ method: 'POST', path: '/pts/v2/payments', host, body: Buffer.from(paymentBody.replace('102.21', '102.22')), date }, credentials),
    ];
    for (const variant of variants) expect(variant.signature).not.toBe(base);
  });
});

describe('parseSignatureHeader', () => {
  it('reads the four parameters', () => {
    expect(parseSignatureHeader('keyid="k", algorithm="HmacSHA256", headers="host date", signature="c2ln"')).toEqual({
      keyid: 'k',
      algorithm: 'HmacSHA256',
      headers: 'host date',
      signature: 'c2ln',
    });
  });

  it.each(['', 'Basic dXNlcjpwYXNz', 'keyid="k", junk', 'keyid=k'])('refuses %j', (value) => {
    expect(parseSignatureHeader(value)).toBeUndefined();
  });
});
