/**
 * `POST /pts/v2/payments`: authorizations, sales (`capture: true`), zero-amount authorizations,
 * pre-authorizations, forced captures of verbal authorizations, partial authorizations of
 * debit/prepaid cards, TMS `TOKEN_CREATE`, and merchant-initiated transactions.
 */
import { freshTransactionId } from './attempt-guard';
import { currencyOf, orderAmountOf, totalAmountPath } from './amount-fields';
import { findTestCard, lastFour } from './card-catalog';
import { expiredCard, insufficientFunds, triggeredDecline, triggersServerError, type Decline } from './decline-triggers';
import { GatewayError, invalidField, invalidRequest, missingField } from './gateway-error';
import { checkMerchantInitiated } from './merchant-initiated';
import { formatAmount } from './money';
import { checkedBrand, isExpired, presentedCard, requireKeyedExpiry, type PresentedCard } from './presented-card';
import { flagAt, isObject, listAt, textAt } from './request-fields';
import {
  approvalCode,
  clientReferenceOf,
  digits,
  link,
  paymentAccountReference,
  terminalIdOf,
  utcTimestamp,
} from './response-parts';
import type { Reply, RouteHandler, SandboxContext } from './sandbox-context';
import type { LedgerEntry } from './transaction-ledger';

interface Outcome {
  status: 'AUTHORIZED' | 'PARTIAL_AUTHORIZED' | 'DECLINED';
  authorizedMinor: number;
  decline?: Decline;
  approvalCode?: string;
  balanceMinor?: number;
}

function decide(body: unknown, amountMinor: number, presented: PresentedCard, now: Date): Outcome {
  const verbalCode = textAt(body, 'processingInformation.authorizationOptions.verbalAuthCode');
  if (textAt(body, 'processingInformation.authorizationOptions.authType')?.toLowerCase() === 'verbal') {
    return { status: 'AUTHORIZED', authorizedMinor: amountMinor, approvalCode: verbalCode ?? '' };
  }
  if (isExpired(presented.card, now)) return { status: 'DECLINED', authorizedMinor: 0, decline: expiredCard };
  const triggered = triggeredDecline(amountMinor);
  if (triggered) return { status: 'DECLINED', authorizedMinor: 0, decline: triggered };
  const balance = findTestCard(presented.pan)?.balanceMinor;
  if (balance !== undefined && amountMinor > balance) {
    const partialAllowed = flagAt(body, 'processingInformation.authorizationOptions.partialAuthIndicator') === true;
    if (!partialAllowed || balance === 0) return { status: 'DECLINED', authorizedMinor: 0, decline: insufficientFunds };
    return { status: 'PARTIAL_AUTHORIZED', authorizedMinor: balance, approvalCode: approvalCode(), balanceMinor: 0 };
  }
  return { status: 'AUTHORIZED', authorizedMinor: amountMinor, approvalCode: approvalCode(), ...(balance !== undefined ? { balanceMinor: balance - amountMinor } : {}) };
}

function processorInformation(outcome: Outcome, pan: string, verbal: boolean): Record<string, unknown> {
  const networkTransactionId = digits(15);
  if (outcome.status === 'DECLINED') {
    return { networkTransactionId, transactionId: networkTransactionId, responseCode: outcome.decline?.responseCode ?? '05', avs: { code: 'X', codeRaw: 'I1' } };
  }
  if (verbal) return { approvalCode: outcome.approvalCode, responseCode: '100' };
  return {
    paymentAccountReferenceNumber: paymentAccountReference(pan),
    approvalCode: outcome.approvalCode,
    networkTransactionId,
    transactionId: networkTransactionId,
    responseCode: '100',
    avs: { code: 'X', codeRaw: 'I1' },
  };
}

function tokenInformation(body: unknown, pan: string, context: SandboxContext): Record<string, unknown> | undefined {
  if (!listAt(body, 'processingInformation.actionList').includes('TOKEN_CREATE')) return undefined;
  const types = listAt(body, 'processingInformation.actionTokenTypes');
  const wanted = types.length === 0 ? ['instrumentIdentifier'] : types;
  const instrument = context.vault.instrumentIdentifierFor(pan);
  const information: Record<string, unknown> = {};
  if (wanted.includes('customer')) information.customer = { id: context.vault.createToken(instrument.id) };
  if (wanted.includes('paymentInstrument')) information.paymentInstrument = { id: context.vault.createToken(instrument.id) };
  information.instrumentidentifierNew = instrument.isNew;
  information.instrumentIdentifier = { state: 'ACTIVE', id: instrument.id };
  return information;
}

export const createPayment: RouteHandler = ({ body }, context) => {
  const now = context.now();
  if (!isObject(body)) throw invalidRequest('INVALID_DATA', 'Declined - The request body is not a JSON object.');
  const currency = currencyOf(body);
  const amountMinor = orderAmountOf(body, currency);
  const presented = presentedCard(body, context);
  const brand = checkedBrand(presented);
  requireKeyedExpiry(presented);
  const capture = flagAt(body, 'processingInformation.capture') === true;
  const authIndicator = textAt(body, 'processingInformation.authorizationOptions.authIndicator');
  const preAuthorization = authIndicator === '0';
  const verbal = textAt(body, 'processingInformation.authorizationOptions.authType')?.toLowerCase() === 'verbal';
  if (authIndicator !== undefined && authIndicator !== '0' && authIndicator !== '1') throw invalidField('processingInformation.authorizationOptions.authIndicator');
  if (verbal && textAt(body, 'processingInformation.authorizationOptions.verbalAuthCode') === undefined) {
    throw missingField('processingInformation.authorizationOptions.verbalAuthCode');
  }
  if (amountMinor === 0 && (capture || preAuthorization || verbal)) {
    throw invalidRequest('INVALID_AMOUNT', 'Declined - A zero amount authorization cannot be captured, and a pre-authorization must be greater than zero.', [
      { field: totalAmountPath, reason: 'INVALID_DATA' },
    ]);
  }
  const tokenCreate = listAt(body, 'processingInformation.actionList').includes('TOKEN_CREATE');
  checkMerchantInitiated(body, presented, tokenCreate);
  const transactionId = freshTransactionId(body, context, now);
  if (triggersServerError(amountMinor)) throw new GatewayError(502, 'SERVER_ERROR', 'SYSTEM_ERROR', 'General system failure.');

  const outcome = decide(body, amountMinor, presented, now);
  const captured = capture && outcome.status === 'AUTHORIZED';
  const clientReference = clientReferenceOf(body, now);
  const balanceMinor = findTestCard(presented.pan)?.balanceMinor;
  const industryDataType = textAt(body, 'processingInformation.industryDataType');
  const entry = context.ledger.draft(now, {
    kind: captured || (capture && outcome.status === 'DECLINED') ? 'sale' : 'authorization',
    status: outcome.status,
    currency,
    requestedMinor: amountMinor,
    amountMinor: outcome.authorizedMinor,
    clientReferenceCode: clientReference.code,
    cardSuffix: lastFour(presented.pan),
    cardType: brand.type,
    preAuthorization,
    ...(balanceMinor !== undefined ? { cardBalanceMinor: balanceMinor } : {}),
    verbal,
    ...(industryDataType !== undefined ? { industryDataType } : {}),
    ...(transactionId !== undefined ? { clientTransactionId: transactionId } : {}),
    ...(outcome.approvalCode !== undefined ? { approvalCode: outcome.approvalCode } : {}),
    ...(outcome.decline ? { decline: outcome.decline } : {}),
  });
  const tokens = outcome.status === 'DECLINED' ? undefined : tokenInformation(body, presented.pan, context);
  context.ledger.record(entry);
  return paymentReply(entry, outcome, body, presented.pan, now, tokens);
};

function paymentReply(entry: LedgerEntry, outcome: Outcome, body: unknown, pan: string, now: Date, tokens: Record<string, unknown> | undefined): Reply {
  const base = `/pts/v2/payments/${entry.id}`;
  const self = link('GET', base);
  const clientReferenceInformation = clientReferenceOf(body, now, entry.clientReferenceCode);
  const card = { type: entry.cardType };
  const terminal = { terminalId: terminalIdOf(body) };
  if (outcome.status === 'DECLINED') {
    const decline = outcome.decline;
    return {
      status: 201,
      body: {
        _links: { self },
        clientReferenceInformation,
        errorInformation: { reason: decline?.reason ?? 'PROCESSOR_DECLINED', message: decline?.message ?? 'Decline' },
        id: entry.id,
        paymentInsightsInformation: { responseInsights: { categoryCode: decline?.categoryCode ?? '04', category: decline?.category ?? 'GENERIC_ERROR' } },
        pointOfSaleInformation: terminal,
        processorInformation: processorInformation(outcome, pan, false),
        status: 'DECLINED',
        submitTimeUtc: utcTimestamp(now),
      },
    };
  }
  const currency = entry.currency;
  const amountDetails: Record<string, string> = {};
  if (entry.kind === 'sale' || outcome.status === 'PARTIAL_AUTHORIZED') amountDetails.totalAmount = formatAmount(entry.requestedMinor, currency);
  amountDetails.authorizedAmount = formatAmount(entry.amountMinor, currency);
  amountDetails.currency = currency;
  const links =
    entry.kind === 'sale'
      ? { void: link('POST', `${base}/voids`), self }
      : outcome.status === 'PARTIAL_AUTHORIZED'
        ? { self, authReversal: link('POST', `${base}/reversals`), capture: link('POST', `${base}/captures`) }
        : { authReversal: link('POST', `${base}/reversals`), self, capture: link('POST', `${base}/captures`) };
  const paymentInformation: Record<string, unknown> = { tokenizedCard: card, card };
  if (outcome.balanceMinor !== undefined) paymentInformation.accountFeatures = { currency: currency.toLowerCase(), balanceAmount: formatAmount(outcome.balanceMinor, currency) };
  const reply: Record<string, unknown> = {
    _links: links,
    clientReferenceInformation,
    id: entry.id,
    orderInformation: { amountDetails },
    paymentAccountInformation: { card },
    paymentInformation,
    pointOfSaleInformation: terminal,
    processorInformation: processorInformation(outcome, pan, entry.verbal === true),
    reconciliationId: entry.reconciliationId,
    status: outcome.status,
    submitTimeUtc: utcTimestamp(now),
  };
  if (tokens) reply.tokenInformation = tokens;
  return { status: 201, body: reply };
}
