/** The terminal's configured ceiling on one amount (settings.maxAmountMinor), checked before anything is written. */
import { formatMinorUnits } from '../../preload/currency';
import { TerminalError } from '../errors';
import type { PaymentContext } from './payment-context';

export function assertWithinMaximum(context: PaymentContext, field: string, amountMinor: number): void {
  const { maxAmountMinor, currency } = context.settings();
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    throw new TerminalError('INVALID_ARGUMENT', `${field}: must be a whole number of minor units above zero`, [{ field, message: 'must be a whole number of minor units above zero' }]);
  }
  if (amountMinor > maxAmountMinor) {
    const message = `is over the configured maximum of ${formatMinorUnits(maxAmountMinor, currency)} ${currency} (settings: maxAmountMinor)`;
    throw new TerminalError('INVALID_ARGUMENT', `${field}: ${message}`, [{ field, message }]);
  }
}
