/**
 * Real parts for payment-flow tests: a journal file in a temp folder, the embedded sandbox gateway
 * over HTTP, a gateway client signing with its credentials, the card store, and a card fingerprint
 * key in a throwaway keychain service. Cards are presented the way the reader and keyed entry
 * hand them over: through the reader's own parsers into the card store, returning a handle.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { defaultSettings, type Settings } from '../../preload/contract';
import { createGatewayClient, type GatewayClient } from '../../main/gateway/client';
import { createLogger } from '../../main/log';
import { createCardFingerprinter } from '../../main/payments/card-fingerprint';
import { openJournal } from '../../main/payments/journal/journal';
import { newTransactionId, type PaymentContext } from '../../main/payments/payment-context';
import { cardFromSwipeLine } from '../../main/reader/card-read';
import { encodeTlv, gatewayEmvTags } from '../../main/reader/emv-tlv';
import { keyedCardRead } from '../../main/reader/keyed-entry';
import { SensitiveCardStore, type CardHandle } from '../../main/reader/sensitive-card-store';
import { startSandboxGateway, type SandboxGateway } from '../../main/sandbox/gateway-server';
import { keytarSecretStore, type SecretStore } from '../../main/secrets/secret-store';

export interface PaymentsHarness {
  context: PaymentContext;
  sandbox: SandboxGateway;
  client: GatewayClient;
  logLines: string[];
  /** Changes the settings the flows and the sandbox read (maximum amount, currency, business day…). */
  configure(patch: Partial<Settings>): void;
  swipe(pan: string, expiry?: string): CardHandle;
  insert(pan: string, expiry?: string): CardHandle;
  tap(pan: string, expiry?: string): CardHandle;
  key(pan: string, expiry?: string, cvn?: string): CardHandle;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Shared by the flows, the journal and the sandbox (settlement, ages, signature dates). */
  clock?: () => Date;
  journalPath?: string;
  /** The keychain for the card fingerprint key, owned (and emptied) by the caller; default: a throwaway service emptied on close. */
  secrets?: SecretStore;
}

/** `expiry` is YYMM; the default is four years from the clock's year. */
export async function paymentsHarness(dir: string, options: HarnessOptions = {}): Promise<PaymentsHarness> {
  const clock = options.clock ?? (() => new Date());
  const defaultExpiry = `${String((clock().getUTCFullYear() + 4) % 100).padStart(2, '0')}12`;
  let settings: Settings = defaultSettings;
  // As in training mode (main/gateway-access.ts): the sandbox settles at the store's business-day cut-off.
  const sandbox = await startSandboxGateway({ clock, settlementCutoff: () => settings.businessDay });
  const client = createGatewayClient({ baseUrl: sandbox.baseUrl, credentials: () => sandbox.credentials, clock, timeouts: { connectMs: 2_000, totalMs: 5_000 } });
  const journal = openJournal(options.journalPath ?? join(dir, 'journal.sqlite'), { clock });
  const logLines: string[] = [];
  const secrets = options.secrets ?? keytarSecretStore(`counter-test-${randomUUID()}`);
  const cards = new SensitiveCardStore();
  const context: PaymentContext = {
    journal,
    gateway: async () => client,
    cards,
    settings: () => settings,
    clock,
    logger: createLogger((line) => logLines.push(line), clock),
    newTransactionId,
    fingerprint: createCardFingerprinter(secrets),
  };
  const readContext = { store: cards, clock };
  const handleOf = (read: ReturnType<typeof cardFromSwipeLine>): CardHandle => {
    if (!read.ok) throw new Error(`test card refused: ${read.problem.message}`);
    return read.value.handle;
  };
  const chip = (entryMode: 'inserted' | 'tapped', pan: string, expiry: string): CardHandle => {
    const panDigits = pan.length % 2 === 0 ? pan : `${pan}F`;
    const tags = encodeTlv([
      { tag: '5A', value: Buffer.from(panDigits, 'hex') },
      { tag: '5F24', value: Buffer.from(`${expiry}31`, 'hex') },
      { tag: '9F26', value: Buffer.from('1122334455667788', 'hex') },
    ]);
    const year = 2000 + Number(expiry.slice(0, 2));
    // A chip read carries its track 2 equivalent as track data; the EMV tags sent omit the PAN (tag 5A).
    return cards.put({
      entryMode,
      pan,
      expiry: { month: Number(expiry.slice(2)), year },
      trackData: `;${pan}=${expiry}1010000000000000?`,
      emvTags: gatewayEmvTags(parseEntries(tags)),
    });
  };
  return {
    context,
    sandbox,
    client,
    logLines,
    configure: (patch) => {
      settings = { ...settings, ...patch };
    },
    swipe: (pan, expiry = defaultExpiry) => handleOf(cardFromSwipeLine(`%B${pan}^TEST/CARDHOLDER^${expiry}1010000000000000?;${pan}=${expiry}1010000000000000?`, readContext)),
    insert: (pan, expiry = defaultExpiry) => chip('inserted', pan, expiry),
    tap: (pan, expiry = defaultExpiry) => chip('tapped', pan, expiry),
    key: (pan, expiry = defaultExpiry, cvn) =>
      handleOf(keyedCardRead({ pan, expiryMonth: Number(expiry.slice(2)), expiryYear: 2000 + Number(expiry.slice(0, 2)), ...(cvn ? { cvn } : {}) }, readContext)),
    close: async () => {
      client.close();
      journal.close();
      await sandbox.close();
      if (!options.secrets) for (const account of await secrets.list()) await secrets.delete(account);
    },
  };
}

function parseEntries(tlv: Buffer): { tag: string; value: Buffer }[] {
  const entries: { tag: string; value: Buffer }[] = [];
  let offset = 0;
  while (offset < tlv.length) {
    const first = tlv[offset] ?? 0;
    const tagLength = (first & 0x1f) === 0x1f ? 2 : 1;
    const tag = tlv.subarray(offset, offset + tagLength).toString('hex').toUpperCase();
    const length = tlv[offset + tagLength] ?? 0;
    const start = offset + tagLength + 1;
    entries.push({ tag, value: tlv.subarray(start, start + length) });
    offset = start + length;
  }
  return entries;
}
