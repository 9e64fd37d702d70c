/**
 * The reader's settings: which port, how to talk to it, and which protocol it speaks. The lead
 * stores them in the terminal's settings; the driver only reads them.
 */
import { z } from 'zod';

export const baudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

export const readerSettingsSchema = z.object({
  /** `magstripe`: serial-mode stripe reader (ASCII lines); `pinpad`: framed STX/ETX/LRC protocol. */
  protocol: z.enum(['magstripe', 'pinpad']),
  path: z.string().min(1).max(256),
  baudRate: z
    .number()
    .int()
    .refine((rate) => (baudRates as readonly number[]).includes(rate), 'must be a standard baud rate'),
  parity: z.enum(['none', 'even', 'odd', 'mark', 'space']).default('none'),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
});

export type ReaderSettings = z.output<typeof readerSettingsSchema>;
export type ReaderSettingsInput = z.input<typeof readerSettingsSchema>;
export type ReaderProtocol = ReaderSettings['protocol'];
