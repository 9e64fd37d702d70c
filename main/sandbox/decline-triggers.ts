/**
 * Amounts that make the sandbox decline, as the real test server does with its trigger amounts.
 *
 * A trigger fires when the amount is at least 1000 major units (100000 minor units for a 2-decimal
 * currency) and its last two minor-unit digits ("the cents") are listed here. Everyday amounts
 * (12.99, 102.21, 1000.00) therefore always approve.
 */
export interface Decline {
  reason: string;
  message: string;
  responseCode: string;
  categoryCode: '01' | '02' | '03' | '04';
  category: string;
}

export const triggerThresholdMinor = 100_000;

const categories = {
  '01': 'ISSUER_WILL_NEVER_APPROVE',
  '02': 'ISSUER_CANNOT_APPROVE_AT_THIS_TIME',
  '03': 'ISSUER_CANNOT_APPROVE_WITH_THESE_DETAILS',
  '04': 'GENERIC_ERROR',
} as const;

function decline(categoryCode: Decline['categoryCode'], reason: string, responseCode: string, message: string): Decline {
  return { reason, message, responseCode, categoryCode, category: categories[categoryCode] };
}

export const callIssuerDecline = decline('02', 'CONTACT_PROCESSOR', '01', 'Decline - The issuing bank has questions about the request. Call the issuer for a voice authorization.');
export const insufficientFunds = decline('02', 'INSUFFICIENT_FUND', '51', 'Decline - Insufficient funds in the account.');
export const expiredCard = decline('03', 'EXPIRED_CARD', '54', 'Decline - Expired card.');

/** Cents → decline. Listed in the sandbox README. */
export const amountTriggers: ReadonlyMap<number, Decline> = new Map([
  [1, decline('01', 'STOLEN_LOST_CARD', '43', 'Decline - Stolen or lost card.')],
  [2, decline('01', 'INVALID_ACCOUNT', '14', 'Decline - Invalid account number.')],
  [3, decline('01', 'PROCESSOR_DECLINED', '57', 'Decline - Transaction not permitted to the cardholder.')],
  [5, insufficientFunds],
  [6, decline('02', 'ISSUER_UNAVAILABLE', '91', 'Decline - The issuer is unavailable; try again later.')],
  [7, decline('02', 'EXCEEDS_CREDIT_LIMIT', '61', 'Decline - Exceeds withdrawal limit.')],
  [10, expiredCard],
  [11, decline('03', 'CVN_NOT_MATCH', 'N7', 'Decline - Card verification number (CVN) did not match.')],
  [12, decline('03', 'INVALID_CVN', '82', 'Decline - Invalid card verification number (CVN).')],
  [20, decline('04', 'PROCESSOR_DECLINED', '05', 'Decline - General decline of the card. No other information provided by the issuing bank.')],
  [21, decline('04', 'GENERAL_DECLINE', '96', 'Decline - System malfunction at the issuer.')],
  [30, callIssuerDecline],
]);

/** The cents that answer 502 SERVER_ERROR instead of a decline; nothing is recorded. */
export const serverErrorCents = 99;

export function triggeredDecline(amountMinor: number): Decline | undefined {
  if (amountMinor < triggerThresholdMinor) return undefined;
  return amountTriggers.get(amountMinor % 100);
}

export function triggersServerError(amountMinor: number): boolean {
  return amountMinor >= triggerThresholdMinor && amountMinor % 100 === serverErrorCents;
}
