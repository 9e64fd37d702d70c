/**
 * Every request example in the payments developer guide, sent through the client to the sandbox
 * over real HTTPS, is accepted. The examples come from the fixture the extractor writes, with the
 * guide's typos fixed (each fix listed there).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCurrencyCode } from '../../../main/gateway/amounts';
import type { GuideExample } from '../../fixtures/extract-payments-guide-examples';
import { attempt, expectKind, startGatewayPeer, type GatewayPeer } from '../../support/gateway-peer';
import { guideExamples } from '../../support/payments-guide-examples';

type Json = Record<string, unknown>;

let peer: GatewayPeer;
/** The instrument identifier this sandbox issued for the guide's Visa card. */
let visaInstrumentId: string;

beforeAll(async () => {
  peer = await startGatewayPeer();
  const stored = await peer.client.authorizeAndStoreCard({
    reference: attempt('SETUP'),
    amount: 100,
    currency: 'USD',
    card: { number: '4111111111111111', expirationMonth: '12', expirationYear: '2031' },
  });
  visaInstrumentId = expectKind(stored, 'approved').instrumentIdentifier?.id ?? '';
});

afterAll(async () => {
  await peer.close();
});

function objectAt(body: Json, key: string): Json {
  const value = body[key];
  return typeof value === 'object' && value !== null ? (value as Json) : {};
}

function amountOf(body: Json): { totalAmount: string; currency: string } {
  const details = objectAt(objectAt(body, 'orderInformation'), 'amountDetails');
  const reversal = objectAt(objectAt(body, 'reversalInformation'), 'amountDetails');
  const totalAmount = String(details.totalAmount ?? reversal.totalAmount ?? '100.00');
  return { totalAmount, currency: String(details.currency ?? 'USD').toUpperCase() };
}

/**
 * The example as this sandbox can accept it: a unique transactionId (every Counter request
 * carries one), and the instrument identifier this sandbox issued instead of the one in the
 * guide author's vault.
 */
function prepared(example: GuideExample): Json {
  const body = structuredClone(example.body) as Json;
  body.clientReferenceInformation = { ...objectAt(body, 'clientReferenceInformation'), transactionId: attempt().transactionId };
  const instrument = objectAt(objectAt(body, 'paymentInformation'), 'instrumentIdentifier');
  if (typeof instrument.id === 'string') instrument.id = visaInstrumentId;
  return body;
}

/** The transaction a follow-on example acts on, made first with the example's amount. */
async function targetFor(example: GuideExample, body: Json): Promise<string> {
  const { totalAmount, currency } = amountOf(body);
  const payment = {
    processingInformation: { capture: example.path.endsWith('/refunds') },
    paymentInformation: { card: { number: '4111111111111111', expirationMonth: '12', expirationYear: '2031' } },
    // Enough for every capture of a multiple-partial-capture series.
    orderInformation: { amountDetails: { totalAmount: example.path.endsWith('/captures') ? '1000.00' : totalAmount, currency } },
    clientReferenceInformation: { code: 'FOLLOW-ON', transactionId: attempt().transactionId },
  };
  const created = expectKind(await peer.client.send({ method: 'POST', path: '/pts/v2/payments', body: payment }), 'approved');
  if (!example.path.startsWith('/pts/v2/captures/')) return created.id;
  const capture = { clientReferenceInformation: { code: 'FOLLOW-ON', transactionId: attempt().transactionId }, orderInformation: payment.orderInformation };
  return expectKind(await peer.client.send({ method: 'POST', path: `/pts/v2/payments/${created.id}/captures`, body: capture }), 'approved').id;
}

const requests = guideExamples.filter((example) => example.kind === 'request');

async function sendExample(example: GuideExample): Promise<void> {
  const body = prepared(example);
  const path = example.path.includes('{id}') ? example.path.replace('{id}', await targetFor(example, body)) : example.path;
  const { currency } = amountOf(body);
  const outcome = await peer.client.send({ method: example.method, path, body, ...(isCurrencyCode(currency) ? { currency } : {}) });
  expect(['approved', 'partially-approved'], JSON.stringify(outcome)).toContain(outcome.kind);
}

describe('every request example in the payments guide', () => {
  it('is in the fixture', () => {
    expect(requests).toHaveLength(58);
  });

  it.each(requests.map((example) => [`line ${example.line}: ${example.section}`, example] as const))('%s is accepted', async (_name, example) => {
    await sendExample(example);
  });
});
