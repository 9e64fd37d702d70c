/**
 * Merchant-initiated transactions (MITs): a payment with `initiator.type` `merchant`, or a
 * card-number payment with `commerceIndicator` `recurring` / `install` not marked as a
 * customer-initiated one, must carry the initiator fields of a stored credential.
 */
import { invalidRequest, type FieldDetail } from './gateway-error';
import type { PresentedCard } from './presented-card';
import { flagAt, textAt } from './request-fields';

const initiatorPath = 'processingInformation.authorizationOptions.initiator';

/** Merchant-initiated transactions must say so and point at the credential they use. */
export function checkMerchantInitiated(body: unknown, presented: PresentedCard, tokenCreate: boolean): void {
  const type = textAt(body, `${initiatorPath}.type`);
  const commerceIndicator = textAt(body, 'processingInformation.commerceIndicator');
  const storedOnFile = flagAt(body, `${initiatorPath}.credentialStoredOnFile`) === true;
  const standingInstruction = commerceIndicator === 'recurring' || commerceIndicator === 'install';
  const merchantInitiated = type === 'merchant' || (standingInstruction && !presented.viaToken && type !== 'customer' && !storedOnFile && !tokenCreate);
  if (!merchantInitiated) return;
  const details: FieldDetail[] = [];
  if (type === undefined) details.push({ field: `${initiatorPath}.type`, reason: 'MISSING_FIELD' });
  const used = flagAt(body, `${initiatorPath}.storedCredentialUsed`);
  if (used === undefined) details.push({ field: `${initiatorPath}.storedCredentialUsed`, reason: 'MISSING_FIELD' });
  else if (!used) details.push({ field: `${initiatorPath}.storedCredentialUsed`, reason: 'INVALID_DATA' });
  const previous =
    textAt(body, `${initiatorPath}.merchantInitiatedTransaction.previousTransactionID`) ?? textAt(body, `${initiatorPath}.merchantInitiatedTransaction.previousTransactionId`);
  if (!presented.viaToken && previous === undefined) details.push({ field: `${initiatorPath}.merchantInitiatedTransaction.previousTransactionID`, reason: 'MISSING_FIELD' });
  if (details.length === 0) return;
  const reason = details.every((detail) => detail.reason === 'MISSING_FIELD') ? 'MISSING_FIELD' : 'INVALID_DATA';
  throw invalidRequest(reason, 'Declined - A merchant-initiated transaction needs the initiator fields of a stored credential.', details);
}

