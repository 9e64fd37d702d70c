/**
 * The IPC contract: every channel between the renderer and main, with its argument and result
 * schemas, and every event main sends.
 *
 * Main registers a handler for each channel from this table (over Electron IPC and over the
 * browser host's WebSocket bridge alike), the preload exposes exactly this table as `window.pos`,
 * and the renderer takes its types from here. A channel not in this table does not exist.
 */
import { z } from 'zod';
import type { ChannelTable } from './channel-spec';
import { dayChannels } from './channels/day';
import { historyChannels } from './channels/history';
import { hotelChannels } from './channels/hotel';
import { offlineChannels, OfflineStatus } from './channels/offline';
import { salesChannels } from './channels/sales';
import { tillChannels } from './channels/till';
import { currencyCodes } from './currency';
import { CardRead } from './schemas';

export const environments = ['sandbox', 'test', 'production'] as const;
export const Environment = z.enum(environments);
export type Environment = z.infer<typeof Environment>;

/** The two API host families the developer guide names (apitest./api.cybersource.com, …visaacceptance.com). */
export const hostFamilies = ['cybersource', 'visaacceptance'] as const;

export const baudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;
export const readerProtocols = ['magstripe', 'pinpad'] as const;

/** A reader on a serial port (RS-232 or USB-serial): how to open it and which protocol it speaks. */
export const SerialReaderSettings = z.strictObject({
  /** `magstripe`: serial-mode stripe reader (ASCII lines); `pinpad`: framed STX/ETX/LRC protocol. */
  protocol: z.enum(readerProtocols),
  path: z.string().min(1, 'must name the serial port, e.g. /dev/ttyUSB0 or COM3').max(256),
  baudRate: z.int().refine((rate) => (baudRates as readonly number[]).includes(rate), 'must be a standard baud rate'),
  parity: z.enum(['none', 'even', 'odd', 'mark', 'space']).default('none'),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
});
export type SerialReaderSettings = z.output<typeof SerialReaderSettings>;

/** No reader (keyed entry only), a real serial reader, or training mode's simulated reader. */
export const ReaderChoice = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('none') }),
  z.strictObject({ mode: z.literal('serial'), serial: SerialReaderSettings }),
  z.strictObject({ mode: z.literal('training'), protocol: z.enum(readerProtocols) }),
]);
export type ReaderChoice = z.infer<typeof ReaderChoice>;

/** When the gateway cannot be reached, which card-present sales Counter approves itself and forwards later. */
export const OfflineLimits = z.strictObject({
  /** Largest single sale approved offline; 0 turns offline approval off. */
  perSaleLimitMinor: z.int('must be a whole number of minor units').min(0, 'must be 0 or more').max(10_000_000, 'must be at most 10000000'),
  /** Largest total waiting to be forwarded. */
  outstandingLimitMinor: z.int('must be a whole number of minor units').min(0, 'must be 0 or more').max(100_000_000, 'must be at most 100000000'),
  /** After this long a queued sale is flagged and no new sale is taken offline until the queue is forwarded. */
  maxAgeHours: z.int('must be a whole number of hours').min(1, 'must be at least 1').max(168, 'must be at most 168 (7 days)'),
  /** Sales of one card that may wait in the queue at once. */
  perCardLimit: z.int('must be a whole number').min(1, 'must be at least 1').max(20, 'must be at most 20'),
});
export type OfflineLimits = z.infer<typeof OfflineLimits>;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The store's business day: voids, reports, retry windows and the close all use it. */
export const BusinessDaySettings = z.strictObject({
  /** IANA time zone of the store, e.g. `Europe/Paris`. */
  timeZone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone such as America/New_York or Europe/Paris'),
  /** Hour on the store's clock at which one business day ends and the next begins (0 = midnight). */
  cutoffHour: z.int('must be a whole hour').min(0, 'must be 0 to 23').max(23, 'must be 0 to 23'),
});
export type BusinessDaySettings = z.infer<typeof BusinessDaySettings>;

/** Largest single transaction the terminal will ever accept, whatever the settings say (minor units). */
export const absoluteMaxAmountMinor = 99_999_999;

export const Settings = z.strictObject({
  terminalId: z
    .string()
    .regex(/^[A-Za-z0-9]{1,8}$/, 'must be 1 to 8 letters or digits (the gateway terminal id)'),
  storeName: z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters'),
  environment: Environment,
  hostFamily: z.enum(hostFamilies),
  /** Replaces the test/production host (a proxy, a regional endpoint); empty for the standard hosts. */
  customBaseUrl: z.union([
    z.literal(''),
    z.url({ protocol: /^https$/, error: 'must be an https:// address, or empty for the standard gateway host' }),
  ]),
  currency: z.enum(currencyCodes),
  reader: ReaderChoice,
  offline: OfflineLimits,
  businessDay: BusinessDaySettings,
  maxAmountMinor: z
    .int('must be a whole number of minor units')
    .min(1, 'must be at least 1')
    .max(absoluteMaxAmountMinor, `must be at most ${absoluteMaxAmountMinor}`),
});
export type Settings = z.infer<typeof Settings>;

export const defaultSettings: Settings = {
  terminalId: 'COUNTER1',
  storeName: 'Counter',
  environment: 'sandbox',
  hostFamily: 'cybersource',
  customBaseUrl: '',
  currency: 'USD',
  reader: { mode: 'training', protocol: 'pinpad' },
  offline: { perSaleLimitMinor: 5_000, outstandingLimitMinor: 50_000, maxAgeHours: 24, perCardLimit: 2 },
  // The machine's own zone until the store sets its own on the Settings screen.
  businessDay: { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, cutoffHour: 0 },
  maxAmountMinor: 1_000_000,
};

export const SettingsPatch = Settings.partial().refine((patch) => Object.keys(patch).length > 0, {
  message: 'names no setting to change',
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const hostKinds = ['electron', 'browser'] as const;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  environment: Environment,
  terminalId: z.string(),
  host: z.enum(hostKinds),
  /** Problems found in the settings on disk at start (they were replaced by defaults). */
  settingsProblems: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfo>;

const NoArguments = z.undefined();

/** The answer to "do these credentials work?": one signed request to the current environment. */
export const GatewayCheck = z.object({
  environment: Environment,
  baseUrl: z.string(),
  verdict: z.enum(['connected', 'rejected', 'unreachable']),
  message: z.string(),
  latencyMs: z.number().nonnegative(),
});
export type GatewayCheck = z.infer<typeof GatewayCheck>;

export const credentialNames = ['merchantId', 'keyId', 'sharedSecret'] as const;

/** Which credentials the keychain holds for an environment; never their values. */
export const CredentialStatus = z.object({
  environment: Environment,
  merchantId: z.boolean(),
  keyId: z.boolean(),
  sharedSecret: z.boolean(),
});
export type CredentialStatus = z.infer<typeof CredentialStatus>;

const ForEnvironment = z.strictObject({ environment: Environment });

/** A card typed by the cashier when no reader can read it. Sent once to main, which keeps it. */
export const KeyedCardEntry = z.strictObject({
  pan: z.string().max(32, 'must be at most 32 characters'),
  expiryMonth: z.int('must be a month number').min(1, 'must be 1 to 12').max(12, 'must be 1 to 12'),
  expiryYear: z.int('must be a year').min(2000, 'must be a four-digit year').max(2099, 'must be a four-digit year'),
  cvn: z.string().regex(/^\d{3,4}$/, 'must be 3 or 4 digits').optional(),
  cardholderName: z.string().trim().min(1).max(26, 'must be at most 26 characters').optional(),
});

export { CardRead };

const ReaderProblem = z.object({ code: z.string(), message: z.string() });

/** The reader's state, as the status bar shows it. */
export const ReaderStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('off') }),
  z.object({ state: z.literal('disconnected'), path: z.string().optional(), retryInMs: z.number().optional() }),
  z.object({ state: z.literal('connecting'), path: z.string(), attempt: z.int() }),
  z.object({ state: z.literal('ready'), path: z.string() }),
  z.object({ state: z.literal('reading'), path: z.string() }),
  z.object({ state: z.literal('error'), path: z.string().optional(), problem: ReaderProblem }),
]);
export type ReaderStatus = z.infer<typeof ReaderStatus>;

export const SerialPortInfo = z.object({
  path: z.string(),
  manufacturer: z.string().optional(),
  serialNumber: z.string().optional(),
  vendorId: z.string().optional(),
  productId: z.string().optional(),
});

/** Training mode's test cards, by number in the list: the renderer never holds a card number. */
export const TrainingCard = z.object({ index: z.int().nonnegative(), label: z.string() });
export const Presentation = z.enum(['swipe', 'insert', 'tap']);
export const PresentTestCard = z.strictObject({ index: z.int().nonnegative(), how: Presentation });

/** Training mode only: make the embedded sandbox gateway misbehave, to practise outages. */
export const SandboxFault = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('latency'), ms: z.int().min(1).max(120_000) }),
  z.strictObject({ kind: z.literal('hang') }),
  z.strictObject({ kind: z.literal('drop') }),
  z.strictObject({ kind: z.literal('error'), status: z.int().min(500).max(599) }),
  z.strictObject({ kind: z.literal('refuse') }),
]);
export type SandboxFault = z.infer<typeof SandboxFault>;

export const CredentialsUpdate = z
  .strictObject({
    environment: Environment,
    merchantId: z.string().regex(/^[A-Za-z0-9_]{1,30}$/, 'must be 1 to 30 letters, digits or underscores, as the Business Center shows it').optional(),
    keyId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'must be the key id from the Business Center (8 to 64 letters, digits or dashes)').optional(),
    sharedSecret: z
      .string()
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'must be the base64 shared secret exactly as the Business Center shows it', abort: true })
      .refine((value) => value.length % 4 === 0 && value.replace(/=+$/, '').length * 3 >= 64, 'must be base64 of at least 16 bytes')
      .optional(),
  })
  .refine((update) => credentialNames.some((name) => update[name] !== undefined), { message: 'names no credential to set' });
export type CredentialsUpdate = z.infer<typeof CredentialsUpdate>;

export const contract = {
  'app.info': { args: NoArguments, result: AppInfo },
  'settings.get': { args: NoArguments, result: Settings },
  'settings.update': { args: SettingsPatch, result: Settings },
  'credentials.status': { args: ForEnvironment, result: CredentialStatus },
  'credentials.set': { args: CredentialsUpdate, result: CredentialStatus },
  'credentials.clear': { args: ForEnvironment, result: CredentialStatus },
  'gateway.test': { args: NoArguments, result: GatewayCheck },
  'sandbox.fault': { args: SandboxFault, result: SandboxFault },
  'card.keyed': { args: KeyedCardEntry, result: CardRead },
  'reader.status': { args: NoArguments, result: ReaderStatus },
  'reader.listPorts': { args: NoArguments, result: z.array(SerialPortInfo) },
  'reader.testCards': { args: NoArguments, result: z.array(TrainingCard) },
  'reader.present': { args: PresentTestCard, result: z.object({ presented: z.literal(true) }) },
  ...salesChannels,
  ...hotelChannels,
  ...offlineChannels,
  ...dayChannels,
  ...tillChannels,
  ...historyChannels,
} as const satisfies ChannelTable;

export const events = {
  'settings.changed': Settings,
  'reader.status': ReaderStatus,
  /** A card was presented on the reader; the sale or tab on screen decides what to do with it. */
  'reader.card': CardRead,
  /** The gateway went degraded/offline or came back, or the offline queue changed. */
  'offline.status': OfflineStatus,
} as const satisfies Record<string, z.ZodType>;

export type Channel = keyof typeof contract;
export type EventName = keyof typeof events;
export type ChannelArgs<C extends Channel> = z.input<(typeof contract)[C]['args']>;
export type ChannelResult<C extends Channel> = z.output<(typeof contract)[C]['result']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const channelNames = Object.keys(contract) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

/** Electron IPC channel names carry this prefix so they can never collide with Electron's own. */
export const ipcPrefix = 'pos:';

export const errorCodes = ['INVALID_ARGUMENT', 'UNKNOWN_CHANNEL', 'FORBIDDEN', 'NOT_CONFIGURED', 'DISCONNECTED', 'INTERNAL', 'RULE_VIOLATION', 'NOT_FOUND', 'WRONG_STATE', 'DECLINED', 'DECLINED_NO_RETRY', 'GATEWAY_REFUSED', 'RECOVERY_PENDING', 'IN_DOUBT', 'LOCKED_OUT', 'SETTLED'] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const FieldProblem = z.object({ field: z.string(), message: z.string() });
export type FieldProblem = z.infer<typeof FieldProblem>;

export const PosError = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  fields: z.array(FieldProblem).optional(),
});
export type PosError = z.infer<typeof PosError>;

/** What every call resolves to: the value, or a typed error. Calls never reject. */
export type PosResult<T> = { ok: true; value: T } | { ok: false; error: PosError };

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}
