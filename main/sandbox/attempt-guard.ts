/**
 * The checks every recording request shares: a JSON object body, and a
 * `clientReferenceInformation.transactionId` not used in the last 60 days.
 */
import { invalidRequest } from './gateway-error';
import { isObject, type JsonObject } from './request-fields';
import { clientTransactionIdOf } from './response-parts';
import type { SandboxContext } from './sandbox-context';

export function jsonObject(body: unknown): JsonObject {
  if (body === undefined) return {};
  if (!isObject(body)) throw invalidRequest('INVALID_DATA', 'Declined - The request body is not a JSON object.');
  return body;
}

/** The request's transactionId, refused with DUPLICATE_REQUEST when an attempt used it within 60 days. */
export function freshTransactionId(body: unknown, context: SandboxContext, now: Date): string | undefined {
  const transactionId = clientTransactionIdOf(body);
  if (context.ledger.isDuplicate(transactionId, now)) {
    throw invalidRequest('DUPLICATE_REQUEST', 'Declined - The clientReferenceInformation.transactionId was already used by another request in the last 60 days.', [
      { field: 'clientReferenceInformation.transactionId', reason: 'INVALID_DATA' },
    ]);
  }
  return transactionId;
}
