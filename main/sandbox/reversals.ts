/**
 * Authorization reversals: `POST /pts/v2/payments/{id}/reversals` (the amount must equal the
 * authorized amount; not after a capture unless the capture was voided) and the timeout reversal
 * `POST /pts/v2/reversals`, which finds the original attempt by its
 * `clientReferenceInformation.transactionId` and undoes it.
 */
import { amountOf, currencyOf, sameCurrency } from './amount-fields';
import { freshTransactionId, jsonObject } from './attempt-guard';
import { invalidField, invalidRequest, missingField } from './gateway-error';
import { formatAmount } from './money';
import { clientReferenceOf, clientTransactionIdOf, link, utcTimestamp } from './response-parts';
import type { Reply, SandboxContext, RouteHandler } from './sandbox-context';
import { refundWindowMs, type LedgerEntry } from './transaction-ledger';

const reversalAmountPath = 'reversalInformation.amountDetails.totalAmount';
const transactionIdPath = 'clientReferenceInformation.transactionId';

function reversalReply(reversal: LedgerEntry, original: LedgerEntry, body: unknown, now: Date): Reply {
  const currency = reversal.currency;
  return {
    status: 201,
    body: {
      _links: { self: link('GET', `/pts/v2/reversals/${reversal.id}`) },
      clientReferenceInformation: clientReferenceOf(body, now, original.clientReferenceCode),
      id: reversal.id,
      orderInformation: { amountDetails: { currency } },
      processorInformation: { responseCode: '100' },
      reconciliationId: reversal.reconciliationId,
      reversalAmountDetails: {
        reversedAmount: formatAmount(reversal.amountMinor, currency),
        originalTransactionAmount: formatAmount(original.requestedMinor, currency),
        currency,
      },
      status: 'REVERSED',
      submitTimeUtc: utcTimestamp(now),
    },
  };
}

/** Why an approved authorization or sale cannot be reversed now, if it cannot. */
function refuseReversal(original: LedgerEntry, context: SandboxContext): void {
  if (original.reversed) throw invalidRequest('AUTH_ALREADY_REVERSED', 'Declined - The authorization was already reversed.');
  if (original.kind === 'sale' && original.settledAt) {
    throw invalidRequest('TRANSACTION_ALREADY_SETTLED', 'Declined - The sale has settled; refund it instead.');
  }
  const captured = original.kind === 'sale' ? context.ledger.capturedOf(original) - (original.voided ? 0 : original.amountMinor) : context.ledger.capturedOf(original);
  if (captured > 0) {
    throw invalidRequest('TRANSACTION_ALREADY_REVERSED_OR_SETTLED', 'Declined - The authorization has been captured; void the capture before reversing it.');
  }
  if (context.ledger.refundedOf(original) > 0) {
    throw invalidRequest('TRANSACTION_ALREADY_REVERSED_OR_SETTLED', 'Declined - The transaction has refunds; void them first.');
  }
}

export const reverseAuthorization: RouteHandler = ({ body: raw, params }, context) => {
  const now = context.now();
  const body = jsonObject(raw);
  const original = context.ledger.get(params.id ?? '');
  if (!original || (original.kind !== 'authorization' && original.kind !== 'sale') || original.status === 'DECLINED') {
    throw invalidRequest('MISSING_AUTH', 'Declined - No approved authorization has this id.', [{ field: 'id', reason: 'INVALID_DATA' }]);
  }
  if (now.getTime() - original.submittedAt.getTime() > refundWindowMs) {
    throw invalidRequest('MISSING_AUTH', 'Declined - The authorization is more than 180 days old and no longer on file.');
  }
  if (original.kind === 'sale' && !original.voided) {
    throw invalidRequest('TRANSACTION_ALREADY_REVERSED_OR_SETTLED', 'Declined - A sale is captured; void it (before settlement) or refund it.');
  }
  refuseReversal(original, context);
  const currency = currencyOf(body, original.currency);
  if (!sameCurrency(currency, original.currency)) throw invalidField('orderInformation.amountDetails.currency', 'differs from the authorization');
  const amount = amountOf(body, reversalAmountPath, currency);
  const authorized = context.ledger.authorizedOf(original);
  if (amount !== authorized) {
    throw invalidRequest('INVALID_AMOUNT', `Declined - The reversal amount must equal the authorized amount (${formatAmount(authorized, currency)}).`, [
      { field: reversalAmountPath, reason: 'INVALID_DATA' },
    ]);
  }
  const transactionId = freshTransactionId(body, context, now);
  const reversal = context.ledger.draft(now, {
    kind: 'reversal',
    status: 'REVERSED',
    currency: original.currency,
    requestedMinor: amount,
    amountMinor: amount,
    parentId: original.id,
    clientReferenceCode: clientReferenceOf(body, now, original.clientReferenceCode).code,
    ...(transactionId !== undefined ? { clientTransactionId: transactionId } : {}),
  });
  original.reversed = true;
  context.ledger.record(reversal);
  return reversalReply(reversal, original, body, now);
};

export const timeoutReversal: RouteHandler = ({ body: raw }, context) => {
  const now = context.now();
  const body = jsonObject(raw);
  const transactionId = clientTransactionIdOf(body);
  if (transactionId === undefined) throw missingField(transactionIdPath);
  const original = context.ledger.byTransactionId(transactionId);
  const nothing = (why: string) => invalidRequest('MISSING_AUTH', `Declined - ${why}; there is nothing to reverse.`, [{ field: transactionIdPath, reason: 'INVALID_DATA' }]);
  if (!original) throw nothing(`No request with transactionId ${transactionId} reached the gateway`);
  if (original.status === 'DECLINED') throw nothing(`The request with transactionId ${transactionId} was declined`);
  if (original.kind !== 'authorization' && original.kind !== 'sale' && original.kind !== 'incremental') {
    throw invalidRequest('NOT_SUPPORTED', `Declined - The request with transactionId ${transactionId} was a ${original.kind}; undo it with a timeout void (POST /pts/v2/voids).`);
  }
  const authorization = original.kind === 'incremental' ? context.ledger.get(original.parentId ?? '') : original;
  if (!authorization) throw nothing('The original authorization is gone');
  if (original.kind === 'incremental' && original.reversed) throw invalidRequest('AUTH_ALREADY_REVERSED', 'Declined - The incremental authorization was already reversed.');
  refuseReversal(authorization, context);
  const currency = currencyOf(body, original.currency);
  if (!sameCurrency(currency, original.currency)) throw invalidField('orderInformation.amountDetails.currency', 'differs from the original request');
  const amountText = amountOf(body, reversalAmountPath, currency);
  if (amountText !== original.requestedMinor && amountText !== original.amountMinor) {
    throw invalidRequest('INVALID_AMOUNT', 'Declined - The reversal amount must equal the amount of the original request.', [{ field: reversalAmountPath, reason: 'INVALID_DATA' }]);
  }
  const reversed = original.amountMinor;
  if (original.kind === 'incremental') {
    original.reversed = true;
    authorization.amountMinor -= reversed;
  } else {
    original.reversed = true;
    if (original.kind === 'sale') original.voided = true;
  }
  const reversal = context.ledger.draft(now, {
    kind: 'reversal',
    status: 'REVERSED',
    currency: original.currency,
    requestedMinor: amountText,
    amountMinor: reversed,
    parentId: original.id,
    clientReferenceCode: clientReferenceOf(body, now, original.clientReferenceCode).code,
    clientTransactionId: transactionId,
  });
  context.ledger.record(reversal, false);
  return reversalReply(reversal, original, body, now);
};
