/**
 * The sandbox's Token Management Service: instrument identifiers (one stable id per card number),
 * payment instrument and customer tokens created with `TOKEN_CREATE`.
 *
 * Seeded with the instrument identifiers the payments guide's examples use (7010000000016241111
 * is Visa 4111111111111111, exactly as in the CIT + TMS example, so the first `TOKEN_CREATE` for
 * that card answers `instrumentidentifierNew: false` like the example does).
 */
import { createHash, randomBytes } from 'node:crypto';

export const guideInstrumentIdentifier = '7010000000016241111';
const guideCard = '4111111111111111';
const guideAliases = ['7020000000010603216', '7030000000014831523', '7030000000014911515'];

export class TokenVault {
  private readonly panById = new Map<string, string>();
  private readonly idByPan = new Map<string, string>();
  /** Payment instrument and customer token id → instrument identifier id. */
  private readonly instrumentOfToken = new Map<string, string>();

  constructor() {
    this.panById.set(guideInstrumentIdentifier, guideCard);
    this.idByPan.set(guideCard, guideInstrumentIdentifier);
    for (const alias of guideAliases) this.panById.set(alias, guideCard);
  }

  /** The instrument identifier for a card number, creating it on first sight; stable across restarts. */
  instrumentIdentifierFor(pan: string): { id: string; isNew: boolean } {
    const existing = this.idByPan.get(pan);
    if (existing) return { id: existing, isNew: false };
    const digits = BigInt(`0x${createHash('sha256').update(`instrument:${pan}`).digest('hex').slice(0, 15)}`) % 10n ** 13n;
    const id = `70${digits.toString().padStart(13, '0')}${pan.slice(-4)}`;
    this.idByPan.set(pan, id);
    this.panById.set(id, pan);
    return { id, isNew: true };
  }

  panOfInstrumentIdentifier(id: string): string | undefined {
    return this.panById.get(id);
  }

  /** A new payment instrument or customer token (32 upper-case hex digits) bound to an instrument identifier. */
  createToken(instrumentIdentifierId: string): string {
    const id = randomBytes(16).toString('hex').toUpperCase();
    this.instrumentOfToken.set(id, instrumentIdentifierId);
    return id;
  }

  /**
   * The card number behind a payment instrument or customer token. Tokens the sandbox did not
   * create but that have the gateway's form (32 hex digits, as in the guide's examples) stand for
   * the guide's Visa 4111111111111111.
   */
  panOfToken(id: string): string | undefined {
    const instrument = this.instrumentOfToken.get(id);
    if (instrument) return this.panById.get(instrument);
    return /^[0-9A-F]{32}$/i.test(id) ? guideCard : undefined;
  }
}
