/** A gateway client's outcome as the journal records it. */
import type { GatewayOutcome } from '../../gateway/outcomes';
import type { AttemptOutcome } from './records';

export function outcomeFromGateway(outcome: GatewayOutcome): AttemptOutcome {
  switch (outcome.kind) {
    case 'approved': {
      const approved: AttemptOutcome = { status: 'approved', gatewayId: outcome.id };
      if (outcome.amountMinor !== undefined) approved.approvedMinor = outcome.amountMinor;
      if (outcome.approvalCode !== undefined) approved.approvalCode = outcome.approvalCode;
      if (outcome.instrumentIdentifier !== undefined) approved.instrumentIdentifierId = outcome.instrumentIdentifier.id;
      return approved;
    }
    case 'partially-approved':
      return outcome.approvalCode === undefined
        ? { status: 'partially-approved', gatewayId: outcome.id, approvedMinor: outcome.authorizedMinor }
        : { status: 'partially-approved', gatewayId: outcome.id, approvedMinor: outcome.authorizedMinor, approvalCode: outcome.approvalCode };
    case 'declined': {
      const declined: AttemptOutcome = { status: 'declined', reason: outcome.reason };
      if (outcome.id !== undefined) declined.gatewayId = outcome.id;
      if (outcome.category !== undefined) declined.insightCategory = outcome.category.code;
      if (outcome.message !== undefined) declined.message = outcome.message;
      return declined;
    }
    case 'invalid-request':
      return outcome.message === undefined ? { status: 'invalid', reason: outcome.reason } : { status: 'invalid', reason: outcome.reason, message: outcome.message };
    case 'authentication-failed':
      return { status: 'failed', message: `authentication failed: ${outcome.message}` };
    case 'unknown-outcome':
      // Not sent at all means the gateway cannot have acted: nothing to undo.
      if (!outcome.requestSent) return { status: 'failed', message: `${outcome.cause}: ${outcome.message}` };
      return outcome.rawBody === undefined
        ? { status: 'unknown', message: `${outcome.cause}: ${outcome.message}` }
        : { status: 'unknown', message: `${outcome.cause}: ${outcome.message}`, rawResponse: outcome.rawBody };
  }
}
