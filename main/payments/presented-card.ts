/**
 * A card handle from the reader or keyed entry, taken (once) and split into what the gateway
 * needs (card number or track/EMV data, point-of-sale fields) and what the journal may keep
 * (masked PAN, brand, entry mode, fingerprint). The PAN never leaves this call's result.
 */
import type { AuthorizeInput } from '../gateway/inputs';
import { TerminalError } from '../errors';
import { brandOf, gatewayCardType, maskPan } from '../card-number';
import { pointOfSaleFields } from '../reader/gateway-fields';
import type { ReaderProtocol } from '../reader/reader-settings';
import type { CardRead } from '../reader/card-read';
import type { EntryMode as ReadEntryMode } from '../reader/sensitive-card-store';
import type { CardSummary } from './journal/records';
import type { PaymentContext } from './payment-context';

export interface PresentedCard {
  summary: CardSummary & { fingerprint: string };
  /** The card part of an authorization or sale request. */
  payment: Pick<AuthorizeInput, 'card' | 'pointOfSale'>;
  /**
   * The same card under a new handle, for the one follow-on the cashier is offered (a manager's
   * override, a voice authorization): a handle still serves one payment, and the card is not swiped twice.
   */
  handBack(ttlMs?: number): CardRead;
}

/** Without a configured reader, how the card arrived says what read it. */
const impliedReader: Record<ReadEntryMode, ReaderProtocol | undefined> = { swiped: 'magstripe', inserted: 'pinpad', tapped: 'pinpad', keyed: undefined };

/** The reader the settings attach (serial or training mode's simulated one), for terminalCapability. */
function attachedReader(context: PaymentContext): ReaderProtocol | undefined {
  const { reader } = context.settings();
  if (reader.mode === 'serial') return reader.serial.protocol;
  if (reader.mode === 'training') return reader.protocol;
  return undefined;
}

export async function takePresentedCard(context: PaymentContext, handle: string): Promise<PresentedCard> {
  const data = context.cards.take(handle);
  if (!data) {
    throw new TerminalError('NOT_FOUND', 'cardHandle: the card is no longer held (a handle serves one payment and expires after two minutes); present the card again', [
      { field: 'cardHandle', message: 'unknown or expired: present the card again' },
    ]);
  }
  const handBack = (ttlMs?: number): CardRead => {
    // A typed CVN was for the attempt it came with; the follow-ons (a forced capture, an override) go without it.
    const { cvn: _cvn, ...kept } = data;
    const handle = context.cards.put(kept, ttlMs === undefined ? {} : { ttlMs });
    return { handle, entryMode: data.entryMode, maskedPan: maskPan(data.pan), brand: brandOf(data.pan), expiry: { ...data.expiry } };
  };
  const pos = pointOfSaleFields(data, attachedReader(context) ?? impliedReader[data.entryMode]);
  const brand = brandOf(data.pan);
  const summary = { maskedPan: maskPan(data.pan), brand, entryMode: pos.entryMode, fingerprint: await context.fingerprint(data.pan) };
  const pointOfSale: NonNullable<AuthorizeInput['pointOfSale']> = {
    entryMode: pos.entryMode,
    terminalCapability: pos.terminalCapability,
    terminalId: context.settings().terminalId,
  };
  if (pos.trackData !== undefined) pointOfSale.trackData = pos.trackData;
  if (pos.emv !== undefined) pointOfSale.emvTags = pos.emv.tags;
  // Read cards travel as track/EMV data; only a keyed card sends its number and expiry.
  if (data.entryMode !== 'keyed') return { summary, payment: { pointOfSale }, handBack };
  const card: NonNullable<AuthorizeInput['card']> = {
    number: data.pan,
    expirationMonth: String(data.expiry.month),
    expirationYear: String(data.expiry.year),
  };
  if (data.cvn !== undefined) card.securityCode = data.cvn;
  if (brand !== 'unknown') card.type = gatewayCardType[brand];
  return { summary, payment: { card, pointOfSale }, handBack };
}
