/**
 * The gateway's `pointOfSaleInformation` for a card, from its sensitive data: entry mode,
 * terminal capability, track data and EMV tags, exactly where the REST API wants them.
 */
import type { SensitiveCardData } from './sensitive-card-store';
import type { ReaderProtocol } from './reader-settings';

export interface PointOfSaleFields {
  entryMode: 'swiped' | 'contact' | 'contactless' | 'keyed';
  /** 2: stripe + manual entry; 3: manual only; 4: chip reader; 5: contactless only (the API's codes). */
  terminalCapability: 2 | 3 | 4 | 5;
  trackData?: string;
  emv?: { tags: string };
}

const entryModes = { swiped: 'swiped', inserted: 'contact', tapped: 'contactless', keyed: 'keyed' } as const;

/** `reader` is the attached reader's protocol, or undefined when there is none (keyed only). */
export function pointOfSaleFields(card: SensitiveCardData, reader: ReaderProtocol | undefined): PointOfSaleFields {
  const terminalCapability = reader === 'pinpad' ? 4 : reader === 'magstripe' ? 2 : 3;
  const fields: PointOfSaleFields = { entryMode: entryModes[card.entryMode], terminalCapability };
  if (card.trackData && card.entryMode !== 'keyed') fields.trackData = card.trackData;
  if (card.emvTags && (card.entryMode === 'inserted' || card.entryMode === 'tapped')) fields.emv = { tags: card.emvTags };
  return fields;
}
