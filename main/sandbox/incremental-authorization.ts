/**
 * `PATCH /pts/v2/payments/{id}`: an incremental authorization adds `additionalAmount` to the
 * amount an open pre-authorization (or lodging / auto-rental authorization) holds.
 */
import { amountOf, currencyOf, sameCurrency } from './amount-fields';
import { freshTransactionId, jsonObject } from './attempt-guard';
import { insufficientFunds, triggeredDecline } from './decline-triggers';
import { invalidField, invalidRequest } from './gateway-error';
import { formatAmount } from './money';
import { approvalCode, clientReferenceOf, digits, link, utcTimestamp } from './response-parts';
import type { RouteHandler } from './sandbox-context';

const additionalAmountPath = 'orderInformation.amountDetails.additionalAmount';
const incrementable = new Set(['lodging', 'auto_rental']);

export const incrementAuthorization: RouteHandler = ({ body: raw, params }, context) => {
  const now = context.now();
  const body = jsonObject(raw);
  const original = context.ledger.get(params.id ?? '');
  if (!original || original.kind !== 'authorization' || original.status === 'DECLINED') {
    throw invalidRequest('INVALID_PAYMENT_ID', 'Declined - The id does not name an approved authorization.', [{ field: 'id', reason: 'INVALID_DATA' }]);
  }
  if (!original.preAuthorization && !incrementable.has(original.industryDataType ?? '')) {
    throw invalidRequest(
      'NOT_SUPPORTED',
      'Declined - Incremental authorizations need a pre-authorization (authIndicator 0) or a lodging / auto_rental authorization.',
    );
  }
  if (original.reversed) throw invalidRequest('NOT_SUPPORTED', 'Declined - The authorization was reversed.');
  if (context.ledger.capturedOf(original) > 0) throw invalidRequest('NOT_SUPPORTED', 'Declined - The authorization was already captured.');
  const currency = currencyOf(body, original.currency);
  if (!sameCurrency(currency, original.currency)) throw invalidField('orderInformation.amountDetails.currency', 'differs from the authorization');
  const additional = amountOf(body, additionalAmountPath, currency);
  if (additional === 0) throw invalidField(additionalAmountPath, 'must be greater than zero');
  const transactionId = freshTransactionId(body, context, now);

  const balance = original.cardBalanceMinor;
  const decline = triggeredDecline(additional) ?? (balance !== undefined && original.amountMinor + additional > balance ? insufficientFunds : undefined);
  const clientReferenceInformation = clientReferenceOf(body, now, original.clientReferenceCode);
  const entry = context.ledger.draft(now, {
    kind: 'incremental',
    status: decline ? 'DECLINED' : 'AUTHORIZED',
    currency: original.currency,
    requestedMinor: additional,
    amountMinor: decline ? 0 : additional,
    parentId: original.id,
    clientReferenceCode: clientReferenceInformation.code,
    ...(transactionId !== undefined ? { clientTransactionId: transactionId } : {}),
    ...(decline ? { decline } : { approvalCode: approvalCode() }),
  });
  context.ledger.record(entry);
  const networkTransactionId = digits(15);
  const common = {
    _links: { self: link('GET', `/pts/v2/payments/${original.id}`) },
    clientReferenceInformation,
    id: original.id,
    submitTimeUtc: utcTimestamp(now),
  };
  if (decline) {
    return {
      status: 201,
      body: {
        ...common,
        errorInformation: { reason: decline.reason, message: decline.message },
        paymentInsightsInformation: { responseInsights: { categoryCode: decline.categoryCode, category: decline.category } },
        processorInformation: { networkTransactionId, transactionId: networkTransactionId, responseCode: decline.responseCode },
        status: 'DECLINED',
      },
    };
  }
  original.amountMinor += additional;
  original.increments.push(additional);
  return {
    status: 201,
    body: {
      ...common,
      orderInformation: { amountDetails: { authorizedAmount: formatAmount(additional, currency), currency } },
      processorInformation: { approvalCode: entry.approvalCode, networkTransactionId, transactionId: networkTransactionId, responseCode: '100' },
      reconciliationId: entry.reconciliationId,
      status: 'AUTHORIZED',
    },
  };
};

