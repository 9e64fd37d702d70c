/**
 * Card data that must stay in main: track data, EMV tags, the PAN and a keyed CVN. A `CardRead`
 * carries only an opaque handle to it. The data is given out once (take-and-wipe) and wiped
 * after a timeout if nobody takes it.
 *
 * Values are held as Buffers and zeroed on wipe. JavaScript strings cannot be zeroed, so the
 * copies handed out by `take()` live until the garbage collector frees them; keep them short-lived.
 */
import { randomBytes } from 'node:crypto';
import type { CardExpiry } from './card-expiry';
import { type Timers, systemTimers } from './timers';

export type CardHandle = string & { readonly __brand: 'CardHandle' };

export type EntryMode = 'swiped' | 'inserted' | 'tapped' | 'keyed';

export interface SensitiveCardData {
  entryMode: EntryMode;
  pan: string;
  expiry: CardExpiry;
  /** `pointOfSaleInformation.trackData`: track 1 and/or track 2 with sentinels (swiped, or the chip's track 2 equivalent). */
  trackData?: string;
  /** `pointOfSaleInformation.emv.tags`: TLV hex without the tags the gateway must not receive. */
  emvTags?: string;
  /** Keyed entry only; never stored beyond this entry, never logged. */
  cvn?: string;
}

interface Entry {
  fields: Map<keyof SensitiveCardData, Buffer>;
  entryMode: EntryMode;
  expiry: CardExpiry;
  timer: unknown;
}

const secretFields = ['pan', 'trackData', 'emvTags', 'cvn'] as const;

export interface SensitiveCardStoreOptions {
  /** How long unclaimed card data lives; a sale that has not started by then needs the card again. */
  ttlMs?: number;
  timers?: Timers;
}

export class SensitiveCardStore {
  private readonly entries = new Map<CardHandle, Entry>();
  private readonly ttlMs: number;
  private readonly timers: Timers;

  constructor(options: SensitiveCardStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? 120_000;
    this.timers = options.timers ?? systemTimers;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Keeps the data under a new handle; `ttlMs` overrides the store's lifetime for this one (a call to the issuer takes minutes). */
  put(data: SensitiveCardData, options: { ttlMs?: number } = {}): CardHandle {
    const handle = `card_${randomBytes(16).toString('hex')}` as CardHandle;
    const fields = new Map<keyof SensitiveCardData, Buffer>();
    for (const field of secretFields) {
      const value = data[field];
      if (value !== undefined) fields.set(field, Buffer.from(value, 'latin1'));
    }
    const timer = this.timers.setTimeout(() => this.wipe(handle), options.ttlMs ?? this.ttlMs);
    this.entries.set(handle, { fields, entryMode: data.entryMode, expiry: { ...data.expiry }, timer });
    return handle;
  }

  /** The data behind a handle, once; afterwards (or after the timeout) undefined. */
  take(handle: CardHandle | string): SensitiveCardData | undefined {
    const entry = this.entries.get(handle as CardHandle);
    if (!entry) return undefined;
    const text = (field: keyof SensitiveCardData) => entry.fields.get(field)?.toString('latin1');
    const data: SensitiveCardData = { entryMode: entry.entryMode, pan: text('pan') ?? '', expiry: entry.expiry };
    const trackData = text('trackData');
    const emvTags = text('emvTags');
    const cvn = text('cvn');
    if (trackData !== undefined) data.trackData = trackData;
    if (emvTags !== undefined) data.emvTags = emvTags;
    if (cvn !== undefined) data.cvn = cvn;
    this.wipe(handle as CardHandle);
    return data;
  }

  has(handle: CardHandle | string): boolean {
    return this.entries.has(handle as CardHandle);
  }

  /** Drops the data without reading it (the sale was cancelled). */
  wipe(handle: CardHandle): void {
    const entry = this.entries.get(handle);
    if (!entry) return;
    this.timers.clearTimeout(entry.timer);
    for (const buffer of entry.fields.values()) buffer.fill(0);
    entry.fields.clear();
    this.entries.delete(handle);
  }

  wipeAll(): void {
    for (const handle of [...this.entries.keys()]) this.wipe(handle);
  }
}
