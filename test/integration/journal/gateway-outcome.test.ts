import { describe, expect, it } from 'vitest';
import { outcomeFromGateway } from '../../../main/payments/journal/gateway-outcome';

describe('gateway outcomes as journal outcomes', () => {
  it('maps each kind of gateway answer to the status the journal records', () => {
    expect(
      outcomeFromGateway({ kind: 'approved', httpStatus: 201, id: 'G1', status: 'AUTHORIZED', amountMinor: 40000, approvalCode: '831000', instrumentIdentifier: { id: '7010000000016241111' } }),
    ).toEqual({ status: 'approved', gatewayId: 'G1', approvedMinor: 40000, approvalCode: '831000', instrumentIdentifierId: '7010000000016241111' });
    expect(
      outcomeFromGateway({ kind: 'partially-approved', httpStatus: 201, id: 'G2', currency: 'USD', requestedMinor: 10000, authorizedMinor: 6000, remainingMinor: 4000 }),
    ).toEqual({ status: 'partially-approved', gatewayId: 'G2', approvedMinor: 6000 });
    expect(
      outcomeFromGateway({ kind: 'declined', httpStatus: 201, id: 'G3', status: 'DECLINED', reason: 'INSUFFICIENT_FUND', category: { code: '02' }, retryAllowed: true }),
    ).toEqual({ status: 'declined', gatewayId: 'G3', reason: 'INSUFFICIENT_FUND', insightCategory: '02' });
    expect(outcomeFromGateway({ kind: 'invalid-request', httpStatus: 400, reason: 'MISSING_FIELD', fields: [] })).toEqual({ status: 'invalid', reason: 'MISSING_FIELD' });
    expect(outcomeFromGateway({ kind: 'authentication-failed', httpStatus: 401, message: 'bad signature' })).toEqual({ status: 'failed', message: 'authentication failed: bad signature' });
  });

  it('calls an outcome unknown only when the request may have reached the gateway', () => {
    expect(outcomeFromGateway({ kind: 'unknown-outcome', cause: 'connect-failed', requestSent: false, message: 'ECONNREFUSED' })).toEqual({ status: 'failed', message: 'connect-failed: ECONNREFUSED' });
    expect(outcomeFromGateway({ kind: 'unknown-outcome', cause: 'server-error', requestSent: true, message: '502', rawBody: '<html>' })).toEqual({
      status: 'unknown', message: 'server-error: 502', rawResponse: '<html>',
    });
  });
});
