/**
 * Card numbers, in one place for the whole terminal: the Luhn check, the brand from the IIN, and
 * the only form in which a PAN is ever shown, logged or stored.
 */
export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'maestro' | 'maestro-uk' | 'uatp' | 'unknown';

/** The gateway's `paymentInformation.card.type` for each brand. */
export const gatewayCardType: Record<Exclude<CardBrand, 'unknown'>, string> = {
  visa: '001',
  mastercard: '002',
  amex: '003',
  discover: '004',
  diners: '005',
  jcb: '007',
  'maestro-uk': '024',
  uatp: '040',
  maestro: '042',
};

export function passesLuhn(pan: string): boolean {
  if (!/^\d{12,19}$/.test(pan)) return false;
  let sum = 0;
  let double = false;
  for (let index = pan.length - 1; index >= 0; index -= 1) {
    let digit = pan.charCodeAt(index) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Brand by IIN range; the more specific ranges are tried before the broad ones. */
export function brandOf(pan: string): CardBrand {
  const first = (length: number) => Number.parseInt(pan.slice(0, length), 10);
  const two = first(2);
  const three = first(3);
  const four = first(4);
  const six = first(6);
  if (pan.startsWith('4')) return 'visa';
  if (two === 34 || two === 37) return 'amex';
  if ((two >= 51 && two <= 55) || (six >= 222100 && six <= 272099)) return 'mastercard';
  if (four === 6011 || two === 65 || (three >= 644 && three <= 649) || (six >= 622126 && six <= 622925)) return 'discover';
  if (four >= 3528 && four <= 3589) return 'jcb';
  if (two === 36 || two === 38 || two === 39 || (three >= 300 && three <= 305)) return 'diners';
  if (four === 6759 || four === 5641 || four === 6767) return 'maestro-uk';
  if (two === 50 || (two >= 56 && two <= 69)) return 'maestro';
  if (pan.startsWith('1')) return 'uatp';
  return 'unknown';
}

/** `4111 1111 1111 1111` → `•••• 1111`: the only form in which a card number leaves main's card handling. */
export function maskPan(pan: string): string {
  return `•••• ${pan.replace(/\D/g, '').slice(-4)}`;
}
