/**
 * The reader's settings: which port, how to talk to it, and which protocol it speaks. They are
 * part of the terminal's settings (defined in the IPC contract); the driver only reads them.
 */
import type { z } from 'zod';
import { baudRates, SerialReaderSettings } from '../../preload/contract';

export { baudRates };
export const readerSettingsSchema = SerialReaderSettings;
export type ReaderSettings = SerialReaderSettings;
export type ReaderSettingsInput = z.input<typeof SerialReaderSettings>;
export type ReaderProtocol = ReaderSettings['protocol'];
