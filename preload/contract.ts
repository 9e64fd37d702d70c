/**
 * The IPC contract: every channel between the renderer and main, with its argument and result
 * schemas, and every event main sends.
 *
 * Main registers a handler for each channel from this table (over Electron IPC and over the
 * browser host's WebSocket bridge alike), the preload exposes exactly this table as `window.pos`,
 * and the renderer takes its types from here. A channel not in this table does not exist.
 */
import { z } from 'zod';
import { currencyCodes } from './currency';

export const environments = ['sandbox', 'test', 'production'] as const;
export const Environment = z.enum(environments);
export type Environment = z.infer<typeof Environment>;

/** Largest single transaction the terminal will ever accept, whatever the settings say (minor units). */
export const absoluteMaxAmountMinor = 99_999_999;

export const Settings = z.strictObject({
  terminalId: z
    .string()
    .regex(/^[A-Za-z0-9]{1,8}$/, 'must be 1 to 8 letters or digits (the gateway terminal id)'),
  storeName: z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters'),
  environment: Environment,
  currency: z.enum(currencyCodes),
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
  currency: 'USD',
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
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export const events = {
  'settings.changed': Settings,
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

export const errorCodes = ['INVALID_ARGUMENT', 'UNKNOWN_CHANNEL', 'FORBIDDEN', 'DISCONNECTED', 'INTERNAL'] as const;
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
