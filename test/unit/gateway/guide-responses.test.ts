import { describe, expect, it } from 'vitest';
import { paymentOutcome } from '../../../main/gateway/outcomes';
import { PaymentResponse } from '../../../main/gateway/responses';
import { guideExamples } from '../../support/payments-guide-examples';

const responses = guideExamples.filter((example) => example.kind === 'response');

describe('every response example in the payments guide', () => {
  it('is in the fixture', () => {
    expect(responses).toHaveLength(59);
  });

  it.each(responses.map((example) => [`line ${example.line}: ${example.section}`, example] as const))('%s parses and maps as the guide says', (_name, example) => {
    const parsed = PaymentResponse.safeParse(example.body);
    expect(parsed.error?.issues ?? []).toEqual([]);
    const outcome = paymentOutcome({ kind: 'response', status: 201, body: JSON.stringify(example.body) }, {});
    if (example.expectation === 'declined') expect(outcome.kind).toBe('declined');
    else expect(['approved', 'partially-approved', 'declined']).toContain(outcome.kind);
  });
});
