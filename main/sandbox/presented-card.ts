/**
 * The card a payment or credit presents: a keyed card number, a payment network token, track
 * data, EMV tags, or a TMS token (instrument identifier, payment instrument, customer, legacy).
 */
import { passesLuhn } from '../card-number';
import { brandOf, type CardBrand } from './card-catalog';
import { cardOfRequest, type CardData } from './card-source';
import { invalidField, invalidRequest, missingField } from './gateway-error';
import { textAt } from './request-fields';
import type { SandboxContext } from './sandbox-context';

export interface PresentedCard {
  pan: string;
  card?: CardData;
  /** The field a problem with the card number is reported against. */
  field: string;
  viaToken: boolean;
}

function cardFieldOf(card: CardData): string {
  if (card.source === 'keyed') return 'paymentInformation.card.number';
  if (card.source === 'network-token') return 'paymentInformation.tokenizedCard.number';
  if (card.source === 'emv') return 'pointOfSaleInformation.emv.tags';
  return 'pointOfSaleInformation.trackData';
}

/** The card a payment presents: card number, track data, EMV tags, or a TMS token. */
export function presentedCard(body: unknown, context: SandboxContext): PresentedCard {
  const card = cardOfRequest(body);
  if (card) return { pan: card.pan, card, field: cardFieldOf(card), viaToken: false };
  const instrumentId = textAt(body, 'paymentInformation.instrumentIdentifier.id');
  if (instrumentId !== undefined) {
    const pan = context.vault.panOfInstrumentIdentifier(instrumentId);
    if (!pan) throw invalidField('paymentInformation.instrumentIdentifier.id', 'unknown instrument identifier');
    return { pan, field: 'paymentInformation.instrumentIdentifier.id', viaToken: true };
  }
  for (const tokenType of ['paymentInstrument', 'customer', 'legacyToken'] as const) {
    const field = `paymentInformation.${tokenType}.id`;
    const id = textAt(body, field);
    if (id === undefined) continue;
    const pan = context.vault.panOfToken(id);
    if (!pan) throw invalidField(field, `unknown ${tokenType} token`);
    return { pan, field, viaToken: true };
  }
  throw missingField('paymentInformation.card.number');
}

/** Keyed cards and network tokens carry their expiry; track and EMV data carry it inside. */
export function requireKeyedExpiry(presented: PresentedCard): void {
  const card = presented.card;
  if (!card || (card.source !== 'keyed' && card.source !== 'network-token')) return;
  const prefix = card.source === 'keyed' ? 'paymentInformation.card' : 'paymentInformation.tokenizedCard';
  if (card.expirationMonth === undefined) throw missingField(`${prefix}.expirationMonth`);
  if (card.expirationYear === undefined) throw missingField(`${prefix}.expirationYear`);
}

export function checkedBrand(presented: PresentedCard): CardBrand {
  if (!passesLuhn(presented.pan)) throw invalidField(presented.field, 'the card number fails the Luhn check');
  const brand = brandOf(presented.pan);
  if (!brand) throw invalidRequest('CARD_TYPE_NOT_ACCEPTED', 'Declined - The card type is not accepted by the payment processor.', [{ field: presented.field, reason: 'INVALID_DATA' }]);
  return brand;
}

/** Whether the card's expiry month is before the clock's month. */
export function isExpired(card: CardData | undefined, now: Date): boolean {
  if (!card?.expirationYear || !card.expirationMonth) return false;
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  return card.expirationYear < year || (card.expirationYear === year && card.expirationMonth < month);
}

