/**
 * `POST /pts/v2/credits`: stand-alone credits to a card, not tied to a capture and without a
 * time limit. Amount triggers decline them like authorizations (credit authorizations).
 */
import { currencyOf, orderAmountOf, totalAmountPath } from './amount-fields';
import { freshTransactionId, jsonObject } from './attempt-guard';
import { checkedBrand, presentedCard, requireKeyedExpiry } from './presented-card';
import { lastFour } from './card-catalog';
import { triggeredDecline, triggersServerError } from './decline-triggers';
import { GatewayError, invalidRequest } from './gateway-error';
import { formatAmount } from './money';
import { approvalCode, clientReferenceOf, digits, link, utcTimestamp } from './response-parts';
import type { RouteHandler } from './sandbox-context';

export const createCredit: RouteHandler = ({ body: raw }, context) => {
  const now = context.now();
  const body = jsonObject(raw);
  const currency = currencyOf(body);
  const amount = orderAmountOf(body, currency);
  if (amount === 0) throw invalidRequest('INVALID_AMOUNT', 'Declined - The credit amount must be greater than zero.', [{ field: totalAmountPath, reason: 'INVALID_DATA' }]);
  const presented = presentedCard(body, context);
  const brand = checkedBrand(presented);
  requireKeyedExpiry(presented);
  const transactionId = freshTransactionId(body, context, now);
  if (triggersServerError(amount)) throw new GatewayError(502, 'SERVER_ERROR', 'SYSTEM_ERROR', 'General system failure.');
  const decline = triggeredDecline(amount);
  const clientReferenceInformation = clientReferenceOf(body, now);
  const credit = context.ledger.draft(now, {
    kind: 'credit',
    status: decline ? 'DECLINED' : 'PENDING',
    currency,
    requestedMinor: amount,
    amountMinor: decline ? 0 : amount,
    clientReferenceCode: clientReferenceInformation.code,
    cardSuffix: lastFour(presented.pan),
    cardType: brand.type,
    ...(transactionId !== undefined ? { clientTransactionId: transactionId } : {}),
    ...(decline ? { decline } : { approvalCode: approvalCode() }),
  });
  context.ledger.record(credit);
  const card = { type: brand.type };
  const networkTransactionId = digits(15);
  const self = link('GET', `/pts/v2/credits/${credit.id}`);
  if (decline) {
    return {
      status: 201,
      body: {
        _links: { self },
        clientReferenceInformation,
        errorInformation: { reason: decline.reason, message: decline.message },
        id: credit.id,
        paymentInsightsInformation: { responseInsights: { categoryCode: decline.categoryCode, category: decline.category } },
        processorInformation: { networkTransactionId, responseCode: decline.responseCode },
        status: 'DECLINED',
        submitTimeUtc: utcTimestamp(now),
      },
    };
  }
  return {
    status: 201,
    body: {
      _links: { void: link('POST', `/pts/v2/credits/${credit.id}/voids`), self },
      clientReferenceInformation,
      creditAmountDetails: { currency: currency.toLowerCase(), creditAmount: formatAmount(amount, currency) },
      id: credit.id,
      orderInformation: { amountDetails: { currency } },
      paymentAccountInformation: { card },
      paymentInformation: { tokenizedCard: card, card },
      processorInformation: { approvalCode: credit.approvalCode, networkTransactionId, responseCode: '100' },
      reconciliationId: credit.reconciliationId,
      status: 'PENDING',
      submitTimeUtc: utcTimestamp(now),
    },
  };
};
