/**
 * `POST /pts/v2/payments/{id}/captures`: captures of an authorization, including multiple
 * partial captures (`captureSequenceNumber` / `totalCaptureCount`). The total captured never
 * exceeds the authorized amount; zero-amount authorizations cannot be captured.
 */
import { amountOf, currencyOf, sameCurrency, totalAmountPath } from './amount-fields';
import { freshTransactionId, jsonObject } from './attempt-guard';
import { invalidField, invalidRequest } from './gateway-error';
import { formatAmount } from './money';
import { textAt } from './request-fields';
import { clientReferenceOf, link, utcTimestamp } from './response-parts';
import type { RouteHandler } from './sandbox-context';
import { refundWindowMs } from './transaction-ledger';

const sequencePath = 'processingInformation.captureOptions.captureSequenceNumber';
const countPath = 'processingInformation.captureOptions.totalCaptureCount';

function captureOptions(body: unknown): { sequence: number; count: number } | undefined {
  const sequence = textAt(body, sequencePath);
  const count = textAt(body, countPath);
  if (sequence === undefined && count === undefined) return undefined;
  if (sequence === undefined || !/^\d{1,2}$/.test(sequence) || Number(sequence) < 1) throw invalidField(sequencePath);
  if (count === undefined || !/^\d{1,2}$/.test(count) || Number(count) < Number(sequence)) throw invalidField(countPath);
  return { sequence: Number(sequence), count: Number(count) };
}

export const capturePayment: RouteHandler = ({ body: raw, params }, context) => {
  const now = context.now();
  const body = jsonObject(raw);
  const { ledger } = context;
  const authorization = ledger.get(params.id ?? '');
  if (!authorization || (authorization.kind !== 'authorization' && authorization.kind !== 'sale') || authorization.status === 'DECLINED') {
    throw invalidRequest('MISSING_AUTH', 'Declined - No approved authorization has this id.', [{ field: 'id', reason: 'INVALID_DATA' }]);
  }
  if (authorization.kind === 'sale') {
    throw invalidRequest('NOT_SUPPORTED', 'Declined - A sale is captured with its authorization; refund it, or void it before settlement.', [{ field: 'id', reason: 'INVALID_DATA' }]);
  }
  if (now.getTime() - authorization.submittedAt.getTime() > refundWindowMs) {
    throw invalidRequest('MISSING_AUTH', 'Declined - The authorization is more than 180 days old and no longer on file.');
  }
  if (authorization.reversed) throw invalidRequest('AUTH_ALREADY_REVERSED', 'Declined - The authorization was reversed.');
  if (authorization.requestedMinor === 0 && authorization.amountMinor === 0) {
    throw invalidRequest('INVALID_AMOUNT', 'Declined - A zero amount authorization cannot be captured.', [{ field: 'id', reason: 'INVALID_DATA' }]);
  }
  const currency = currencyOf(body, authorization.currency);
  if (!sameCurrency(currency, authorization.currency)) throw invalidField('orderInformation.amountDetails.currency', 'differs from the authorization');
  const amount = amountOf(body, totalAmountPath, currency);
  if (amount === 0) throw invalidRequest('INVALID_AMOUNT', 'Declined - The capture amount must be greater than zero.', [{ field: totalAmountPath, reason: 'INVALID_DATA' }]);
  const options = captureOptions(body);
  const earlier = ledger.children(authorization.id, 'capture').filter((capture) => !capture.voided);
  if (earlier.some((capture) => capture.captureSequence !== undefined && capture.captureSequence === capture.captureCount)) {
    throw invalidRequest('INVALID_DATA', 'Declined - The final capture of this authorization was already made.', [{ field: sequencePath, reason: 'INVALID_DATA' }]);
  }
  if (options && earlier.some((capture) => capture.captureSequence === options.sequence)) {
    throw invalidField(sequencePath, 'this capture sequence number was already used');
  }
  const remaining = ledger.authorizedOf(authorization) - ledger.capturedOf(authorization);
  if (amount > remaining) {
    throw invalidRequest('EXCEEDS_AUTH_AMOUNT', `Declined - The capture amount exceeds the authorized amount (${formatAmount(Math.max(remaining, 0), currency)} left to capture).`, [
      { field: totalAmountPath, reason: 'INVALID_DATA' },
    ]);
  }
  const transactionId = freshTransactionId(body, context, now);
  const clientReferenceInformation = clientReferenceOf(body, now, authorization.clientReferenceCode);
  const capture = ledger.draft(now, {
    kind: 'capture',
    status: 'PENDING',
    currency,
    requestedMinor: amount,
    amountMinor: amount,
    parentId: authorization.id,
    clientReferenceCode: clientReferenceInformation.code,
    ...(authorization.cardSuffix !== undefined ? { cardSuffix: authorization.cardSuffix } : {}),
    ...(authorization.cardType !== undefined ? { cardType: authorization.cardType } : {}),
    ...(transactionId !== undefined ? { clientTransactionId: transactionId } : {}),
    ...(options ? { captureSequence: options.sequence, captureCount: options.count } : {}),
  });
  ledger.record(capture);
  return {
    status: 201,
    body: {
      _links: { void: link('POST', `/pts/v2/captures/${capture.id}/voids`), self: link('GET', `/pts/v2/captures/${capture.id}`) },
      clientReferenceInformation,
      id: capture.id,
      orderInformation: { amountDetails: { totalAmount: formatAmount(amount, currency), currency } },
      reconciliationId: capture.reconciliationId,
      status: 'PENDING',
      submitTimeUtc: utcTimestamp(now),
    },
  };
};
