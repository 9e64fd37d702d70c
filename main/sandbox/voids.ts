/**
 * Voids of captures, sales, refunds and credits (`POST /pts/v2/{captures|payments|refunds|credits}/{id}/voids`),
 * only while their batch is open, and the timeout void `POST /pts/v2/voids`, which finds the
 * original attempt by `clientReferenceInformation.transactionId`.
 */
import { freshTransactionId, jsonObject } from './attempt-guard';
import { invalidRequest, missingField } from './gateway-error';
import { formatAmount } from './money';
import { clientReferenceOf, clientTransactionIdOf, link, utcTimestamp } from './response-parts';
import type { Reply, RouteHandler, SandboxContext } from './sandbox-context';
import type { LedgerEntry, TransactionKind } from './transaction-ledger';

function notVoidable(message: string): Error {
  return invalidRequest('NOT_VOIDABLE', `Declined - ${message}`);
}

function refuseVoid(target: LedgerEntry, context: SandboxContext): void {
  if (target.status === 'DECLINED') throw notVoidable('A declined transaction cannot be voided.');
  if (target.voided) throw notVoidable('The transaction was already voided.');
  if (target.reversed) throw notVoidable('The transaction was reversed.');
  if (target.settledAt) throw notVoidable('The batch with this transaction has settled; refund it instead.');
  const refunds = [...context.ledger.children(target.id, 'refund')].filter((refund) => !refund.voided);
  if (refunds.length > 0) throw notVoidable('The transaction has refunds; void them first.');
}

function applyVoid(target: LedgerEntry, body: unknown, context: SandboxContext, now: Date, transactionId: string | undefined, indexAttempt: boolean): Reply {
  target.voided = true;
  const voidEntry = context.ledger.draft(now, {
    kind: 'void',
    status: 'VOIDED',
    currency: target.currency,
    requestedMinor: target.amountMinor,
    amountMinor: target.amountMinor,
    parentId: target.id,
    clientReferenceCode: clientReferenceOf(body, now, target.clientReferenceCode).code,
    ...(transactionId !== undefined ? { clientTransactionId: transactionId } : {}),
  });
  context.ledger.record(voidEntry, indexAttempt);
  return {
    status: 201,
    body: {
      _links: { self: link('GET', `/pts/v2/voids/${voidEntry.id}`) },
      clientReferenceInformation: clientReferenceOf(body, now, target.clientReferenceCode),
      id: voidEntry.id,
      orderInformation: { amountDetails: { currency: target.currency } },
      processorInformation: { responseCode: '100' },
      reconciliationId: voidEntry.reconciliationId,
      status: 'VOIDED',
      submitTimeUtc: utcTimestamp(now),
      voidAmountDetails: { currency: target.currency.toLowerCase(), voidAmount: formatAmount(target.amountMinor, target.currency) },
    },
  };
}

/** A void endpoint for the given kinds of transaction. */
export function voidOf(kinds: readonly TransactionKind[], noun: string): RouteHandler {
  return ({ body: raw, params }, context) => {
    const now = context.now();
    const body = jsonObject(raw);
    const target = context.ledger.get(params.id ?? '');
    if (!target || !kinds.includes(target.kind)) {
      if (target?.kind === 'authorization') throw notVoidable('An authorization is not voided; reverse it (POST /pts/v2/payments/{id}/reversals).');
      throw invalidRequest('NOT_VOIDABLE', `Declined - No ${noun} has this id.`, [{ field: 'id', reason: 'INVALID_DATA' }]);
    }
    refuseVoid(target, context);
    const transactionId = freshTransactionId(body, context, now);
    return applyVoid(target, body, context, now, transactionId, true);
  };
}

export const voidCapture = voidOf(['capture'], 'capture');
export const voidPayment = voidOf(['sale', 'capture'], 'sale');
export const voidRefund = voidOf(['refund', 'credit'], 'refund');
export const voidCredit = voidOf(['credit', 'refund'], 'credit');

export const timeoutVoid: RouteHandler = ({ body: raw }, context) => {
  const now = context.now();
  const body = jsonObject(raw);
  const transactionId = clientTransactionIdOf(body);
  if (transactionId === undefined) throw missingField('clientReferenceInformation.transactionId');
  const original = context.ledger.byTransactionId(transactionId);
  const details = [{ field: 'clientReferenceInformation.transactionId', reason: 'INVALID_DATA' as const }];
  if (!original) throw invalidRequest('NOT_VOIDABLE', `Declined - No request with transactionId ${transactionId} reached the gateway; there is nothing to void.`, details);
  if (original.status === 'DECLINED') throw invalidRequest('NOT_VOIDABLE', `Declined - The request with transactionId ${transactionId} was declined; there is nothing to void.`, details);
  if (original.kind === 'authorization' || original.kind === 'incremental') {
    throw notVoidable(`The request with transactionId ${transactionId} was an authorization; undo it with a timeout reversal (POST /pts/v2/reversals).`);
  }
  if (original.kind === 'reversal' || original.kind === 'void') throw notVoidable(`The request with transactionId ${transactionId} was a ${original.kind}.`);
  refuseVoid(original, context);
  return applyVoid(original, body, context, now, transactionId, false);
};
