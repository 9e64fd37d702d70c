/**
 * Keyed entry, the fallback when no reader can read the card: the cashier types PAN, expiry and
 * CVN. The result is a `CardRead` like any other (entry mode `keyed`); the CVN goes only into
 * the sensitive store.
 */
import { z } from 'zod';
import { type CardRead, type CardReadContext, admitCard } from './card-read';
import { brandOf } from '../card-number';
import { type Outcome, problem } from './reader-problem';

export const keyedCardSchema = z.object({
  /** Digits, optionally grouped by spaces or dashes as printed on the card. */
  pan: z
    .string()
    .max(32)
    .transform((value) => value.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{12,19}$/, 'must be 12 to 19 digits')),
  expiryMonth: z.number().int().min(1).max(12),
  /** `31` or `2031`. */
  expiryYear: z.number().int().min(0).max(2099),
  cvn: z.string().regex(/^\d{3,4}$/, 'must be 3 or 4 digits').optional(),
  cardholderName: z.string().trim().min(1).max(26).optional(),
});

export type KeyedCardInput = z.input<typeof keyedCardSchema>;

/** Keyed PAN / expiry / CVN → a `CardRead` (entry mode keyed), or the problem that stops it. */
export function keyedCardRead(input: unknown, context: CardReadContext): Outcome<CardRead> {
  const parsed = keyedCardSchema.safeParse(input);
  if (!parsed.success) {
    // Field names and rules only: zod's messages here never repeat the typed value.
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'card'}: ${issue.message}`).join('; ');
    return problem('invalid-keyed-card', `The keyed card is incomplete: ${fields}`);
  }
  const { pan, expiryMonth, expiryYear, cvn, cardholderName } = parsed.data;
  if (cvn !== undefined && cvn.length !== (brandOf(pan) === 'amex' ? 4 : 3)) {
    return problem('invalid-keyed-card', `The keyed card is incomplete: cvn: must be ${brandOf(pan) === 'amex' ? 4 : 3} digits for this card`);
  }
  const yy = String(expiryYear % 100).padStart(2, '0');
  const mm = String(expiryMonth).padStart(2, '0');
  const read = admitCard({ entryMode: 'keyed', pan, yymm: `${yy}${mm}`, ...(cvn ? { cvn } : {}), ...(cardholderName ? { name: cardholderName } : {}) }, context);
  return read;
}
