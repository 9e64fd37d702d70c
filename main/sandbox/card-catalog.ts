/**
 * The cards the sandbox knows: the payments guide's test card numbers, the sandbox's own
 * debit/prepaid cards with a stated balance, brand detection by BIN range, and the Luhn check.
 */
export interface CardBrand {
  name: string;
  /** The gateway's card type code (`paymentInformation.card.type`). */
  type: string;
}

export interface TestCard {
  number: string;
  brand: CardBrand;
  /** Debit/prepaid cards: the available balance in minor units of whatever currency is requested. */
  balanceMinor?: number;
  kind: 'credit' | 'debit' | 'prepaid';
  source: 'guide' | 'sandbox';
}

export const brands = {
  visa: { name: 'Visa', type: '001' },
  mastercard: { name: 'Mastercard', type: '002' },
  amex: { name: 'American Express', type: '003' },
  discover: { name: 'Discover', type: '004' },
  diners: { name: 'Diners Club', type: '005' },
  jcb: { name: 'JCB', type: '007' },
  maestroUk: { name: 'Maestro (UK Domestic)', type: '024' },
  maestro: { name: 'Maestro (International)', type: '042' },
  uatp: { name: 'UATP', type: '040' },
} satisfies Record<string, CardBrand>;

const guide = (number: string, brand: CardBrand): TestCard => ({ number, brand, kind: 'credit', source: 'guide' });

/** Every test card number in the payments guide ("Test Card Numbers"), plus Diners cards in the Diners BIN range. */
export const testCards: readonly TestCard[] = [
  guide('378282246310005', brands.amex),
  guide('6011111111111117', brands.discover),
  guide('3566111111111113', brands.jcb),
  guide('50339619890917', brands.maestro),
  guide('586824160825533338', brands.maestro),
  guide('6759411100000008', brands.maestroUk),
  guide('6759560045005727054', brands.maestroUk),
  guide('5641821111166669', brands.maestroUk),
  guide('2222420000001113', brands.mastercard),
  guide('2222630000001125', brands.mastercard),
  guide('5555555555554444', brands.mastercard),
  guide('135412345678911', brands.uatp),
  guide('4111111111111111', brands.visa),
  { number: '38000000000006', brand: brands.diners, kind: 'credit', source: 'sandbox' },
  { number: '30569309025904', brand: brands.diners, kind: 'credit', source: 'sandbox' },
  { number: '4005510000000005', brand: brands.visa, kind: 'debit', balanceMinor: 49901, source: 'sandbox' },
  { number: '5105105105105100', brand: brands.mastercard, kind: 'prepaid', balanceMinor: 2500, source: 'sandbox' },
  { number: '4222222222222220', brand: brands.visa, kind: 'prepaid', balanceMinor: 500, source: 'sandbox' },
  { number: '6011000999900008', brand: brands.discover, kind: 'prepaid', balanceMinor: 6000, source: 'sandbox' },
];

const byNumber = new Map(testCards.map((card) => [card.number, card]));

export function findTestCard(pan: string): TestCard | undefined {
  return byNumber.get(pan);
}

function prefix(pan: string, length: number): number {
  return Number.parseInt(pan.slice(0, length), 10);
}

/** The brand of a card number by its BIN range; Visa when nothing more specific matches a 4. */
export function brandOf(pan: string): CardBrand | undefined {
  const known = byNumber.get(pan);
  if (known) return known.brand;
  const two = prefix(pan, 2);
  const four = prefix(pan, 4);
  const six = prefix(pan, 6);
  if (pan.startsWith('4')) return brands.visa;
  if (two === 34 || two === 37) return brands.amex;
  if ((two >= 51 && two <= 55) || (six >= 222100 && six <= 272099)) return brands.mastercard;
  if (four === 6011 || two === 65 || (prefix(pan, 3) >= 644 && prefix(pan, 3) <= 649) || (six >= 622126 && six <= 622925)) return brands.discover;
  if (four >= 3528 && four <= 3589) return brands.jcb;
  if (two === 36 || two === 38 || two === 39 || (prefix(pan, 3) >= 300 && prefix(pan, 3) <= 305)) return brands.diners;
  if (four === 6759 || four === 5641 || four === 6767) return brands.maestroUk;
  if (two === 50 || (two >= 56 && two <= 69)) return brands.maestro;
  if (pan.startsWith('1')) return brands.uatp;
  return undefined;
}

/** `•••• 1111`: the only form in which the sandbox ever shows a card number. */
export function lastFour(pan: string): string {
  return pan.slice(-4);
}
