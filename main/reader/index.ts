/**
 * The card reader's public surface for the composition root and the payment flows.
 */
export { CardReader, ReaderError, type BackoffOptions, type CardReaderEvents, type CardReaderOptions, type ReaderStatus } from './card-reader';
export { type CardRead, type CardHandle, type EntryMode, cardFromReaderMessage, cardFromSwipeLine } from './card-read';
export { keyedCardRead, keyedCardSchema, type KeyedCardInput } from './keyed-entry';
export { SensitiveCardStore, type SensitiveCardData, type SensitiveCardStoreOptions } from './sensitive-card-store';
export { pointOfSaleFields, type PointOfSaleFields } from './gateway-fields';
export { readerSettingsSchema, baudRates, type ReaderSettings, type ReaderSettingsInput, type ReaderProtocol } from './reader-settings';
export { listPorts } from './port-listing';
export { serialportBinding } from './serialport-binding';
export type { SerialBinding, SerialLink, SerialOpenOptions, SerialPortInfo, Parity } from './serial-binding';
export type { CardBrand } from '../card-number';
export { gatewayCardType } from '../card-number';
export type { CardExpiry, Clock } from './card-expiry';
export type { ReaderProblem, ReaderProblemCode } from './reader-problem';
export type { Timers } from './timers';
