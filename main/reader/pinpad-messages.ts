/**
 * The PIN-pad messages (the part of the payload after the sequence digit): a two-letter type,
 * then fields each introduced by FS (0x1C). See docs/reader-protocol.md.
 */
import { z } from 'zod';
import { type Outcome, problem, success } from './reader-problem';

const fs = '\x1c';

export type ChipEntryMode = 'swiped' | 'inserted' | 'tapped';
const entryCodes = { swiped: 'S', inserted: 'I', tapped: 'T' } as const satisfies Record<ChipEntryMode, string>;
const entryByCode: Record<string, ChipEntryMode> = { S: 'swiped', I: 'inserted', T: 'tapped' };

export type TerminalMessage =
  | { type: 'show-amount'; amountMinor: number; currency: string; exponent: number }
  | { type: 'request-card'; modes: readonly ChipEntryMode[]; timeoutSeconds: number }
  | { type: 'cancel' };

export type ReaderErrorCode = 'timeout' | 'cancelled' | 'chip-failed' | 'other';
const readerErrorCodes = { timeout: 'TO', cancelled: 'CC', 'chip-failed': 'CF', other: 'ER' } as const satisfies Record<ReaderErrorCode, string>;

export type ReaderMessage =
  | { type: 'card-data'; entryMode: ChipEntryMode; track1?: string; track2?: string; emvTags?: string }
  | { type: 'card-error'; code: ReaderErrorCode; text?: string };

export function encodeTerminalMessage(message: TerminalMessage): string {
  switch (message.type) {
    case 'show-amount':
      return ['SA', String(message.amountMinor), message.currency, String(message.exponent)].join(fs);
    case 'request-card':
      return ['RC', message.modes.map((mode) => entryCodes[mode]).join(''), String(message.timeoutSeconds)].join(fs);
    case 'cancel':
      return 'CX';
  }
}

export function encodeReaderMessage(message: ReaderMessage): string {
  switch (message.type) {
    case 'card-data':
      return ['CD', entryCodes[message.entryMode], message.track1 ?? '', message.track2 ?? '', message.emvTags ?? ''].join(fs);
    case 'card-error':
      return ['CE', readerErrorCodes[message.code], message.text ?? ''].join(fs);
  }
}

const printable = /^[\x20-\x7e]*$/;
const cardDataFields = z.tuple([
  z.enum(['S', 'I', 'T']),
  z.string().max(79).regex(printable),
  z.string().max(40).regex(printable),
  z.string().max(1024).regex(/^(?:[0-9A-F]{2})*$/, 'EMV data must be upper-case hex, whole bytes'),
]);
const cardErrorFields = z.tuple([z.enum(['TO', 'CC', 'CF', 'ER']), z.string().max(64).regex(printable)]);

/** What the driver accepts from a reader; anything else is a `malformed-message`. */
export function decodeReaderMessage(message: string): Outcome<ReaderMessage> {
  const [type, ...fields] = message.split(fs);
  if (type === 'CD') {
    const parsed = cardDataFields.safeParse(fields);
    if (!parsed.success) return problem('malformed-message', `Card data from the reader is malformed (${describe(parsed.error)})`);
    const [code, track1, track2, emvTags] = parsed.data;
    const entryMode = entryByCode[code] ?? 'swiped';
    const card: ReaderMessage = { type: 'card-data', entryMode };
    if (track1) card.track1 = track1;
    if (track2) card.track2 = track2;
    if (emvTags) card.emvTags = emvTags;
    if (entryMode === 'swiped' && !track1 && !track2) return problem('malformed-message', 'A swipe from the reader carries no track');
    if (entryMode !== 'swiped' && !emvTags) return problem('malformed-message', `An ${entryMode === 'inserted' ? 'inserted' : 'tapped'} card from the reader carries no EMV data`);
    return success(card);
  }
  if (type === 'CE') {
    const parsed = cardErrorFields.safeParse(fields.length === 1 ? [...fields, ''] : fields);
    if (!parsed.success) return problem('malformed-message', `A card error from the reader is malformed (${describe(parsed.error)})`);
    const [code, text] = parsed.data;
    const byCode: Record<string, ReaderErrorCode> = { TO: 'timeout', CC: 'cancelled', CF: 'chip-failed', ER: 'other' };
    const error: ReaderMessage = { type: 'card-error', code: byCode[code] ?? 'other' };
    if (text) error.text = text;
    return success(error);
  }
  return problem('malformed-message', `Unknown message type from the reader: ${JSON.stringify((type ?? '').slice(0, 2))}`);
}

const terminalFields = {
  SA: z.tuple([z.string().regex(/^\d{1,12}$/), z.string().regex(/^[A-Z]{3}$/), z.string().regex(/^[0-3]$/)]),
  RC: z.tuple([z.string().regex(/^(?=.)S?I?T?$/), z.string().regex(/^\d{1,3}$/)]),
};

/** What a reader (the simulator) accepts from the terminal. */
export function decodeTerminalMessage(message: string): Outcome<TerminalMessage> {
  const [type, ...fields] = message.split(fs);
  if (type === 'CX' && fields.length === 0) return success({ type: 'cancel' });
  if (type === 'SA') {
    const parsed = terminalFields.SA.safeParse(fields);
    if (!parsed.success) return problem('malformed-message', 'Show-amount message is malformed');
    const [amount, currency, exponent] = parsed.data;
    return success({ type: 'show-amount', amountMinor: Number(amount), currency, exponent: Number(exponent) });
  }
  if (type === 'RC') {
    const parsed = terminalFields.RC.safeParse(fields);
    if (!parsed.success) return problem('malformed-message', 'Request-card message is malformed');
    const [modes, timeout] = parsed.data;
    return success({ type: 'request-card', modes: [...modes].map((code) => entryByCode[code] ?? 'swiped'), timeoutSeconds: Number(timeout) });
  }
  return problem('malformed-message', 'Unknown message type from the terminal');
}

/** Zod's paths and messages only: never the offending value, which may be card data. */
function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `field ${issue.path.map((part) => Number(part) + 1).join('.') || '?'}: ${issue.message}`).join('; ');
}
