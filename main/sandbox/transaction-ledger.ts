/**
 * The sandbox's memory: every transaction it recorded, the attempts indexed by
 * `clientReferenceInformation.transactionId`, and the daily settlement batch, which closes at a
 * store's business-day cut-off (its time zone and hour).
 */
import { randomBytes } from 'node:crypto';
import { businessDayAfter, businessDayAt, type BusinessDayRule } from '../business-day';
import type { Decline } from './decline-triggers';

export type TransactionKind = 'authorization' | 'sale' | 'capture' | 'refund' | 'credit' | 'reversal' | 'void' | 'incremental';

export type TransactionState = 'declined' | 'authorized' | 'captured' | 'settled' | 'voided' | 'reversed' | 'refunded' | 'pending';

/** One transaction as the sandbox holds it. Mutable inside the sandbox; tests get frozen copies. */
export interface LedgerEntry {
  id: string;
  reconciliationId: string;
  kind: TransactionKind;
  /** The gateway status returned when it was created (AUTHORIZED, PARTIAL_AUTHORIZED, DECLINED, PENDING, REVERSED, VOIDED). */
  status: string;
  currency: string;
  /** What the request asked for, in minor units. */
  requestedMinor: number;
  /** What it moved: authorized (with increments) / captured / refunded / credited / reversed / voided. */
  amountMinor: number;
  parentId?: string;
  clientReferenceCode: string;
  clientTransactionId?: string;
  submittedAt: Date;
  cardSuffix?: string;
  cardType?: string;
  /** Debit/prepaid test cards: the card's stated balance (minor units). */
  cardBalanceMinor?: number;
  /** Authorizations: a pre-authorization (authIndicator 0). */
  preAuthorization?: boolean;
  /** Authorizations: lodging or auto-rental industry data, which incremental authorizations need. */
  industryDataType?: string;
  /** Authorizations: forced capture of a verbal authorization. */
  verbal?: boolean;
  approvalCode?: string;
  decline?: Decline;
  reversed: boolean;
  voided: boolean;
  settledAt?: Date;
  /** Multiple partial captures: this capture's sequence number and the announced total count. */
  captureSequence?: number;
  captureCount?: number;
  /** Incremental authorizations added to this authorization (minor units each). */
  increments: number[];
}

/** A transaction's state for tests: `transactions()` on the sandbox. */
export interface SandboxTransaction {
  readonly id: string;
  readonly kind: TransactionKind;
  readonly status: string;
  readonly state: TransactionState;
  readonly currency: string;
  readonly requestedMinor: number;
  readonly amountMinor: number;
  /** Authorizations and sales: authorized amount including increments, 0 once reversed. */
  readonly authorizedMinor: number;
  /** Authorizations, sales and captures: captured and not voided. */
  readonly capturedMinor: number;
  /** Authorizations, sales and captures: refunded and not voided. */
  readonly refundedMinor: number;
  readonly parentId?: string;
  readonly clientReferenceCode: string;
  readonly clientTransactionId?: string;
  readonly submittedAt: Date;
  readonly settled: boolean;
  readonly cardSuffix?: string;
  readonly reason?: string;
}

const dayMs = 24 * 60 * 60 * 1000;
export const duplicateWindowMs = 60 * dayMs;
export const refundWindowMs = 180 * dayMs;

/** The gateway's default batch: one UTC day from midnight to midnight. */
export const utcMidnight: BusinessDayRule = { timeZone: 'UTC', cutoffHour: 0 };

/** The first cutoff instant strictly after `time`: the end of the business day it belongs to. */
export function batchCloseAfter(time: Date, rule: BusinessDayRule): Date {
  return new Date(businessDayAt(time, rule).toMs);
}

/** How long the sandbox remembers a transaction once nothing about it can change any more. */
export interface Retention {
  /** Business days after the business day of its last activity (its settlement, say). */
  businessDays: number;
}

/** Long enough for a training refund a month later; short enough that a terminal can train for months. */
export const defaultRetentionBusinessDays = 30;

/** Forgetting runs at most this often, so it costs nothing per request. */
const forgetSweepIntervalMs = 60 * 60 * 1000;

export class TransactionLedger {
  private readonly entries = new Map<string, LedgerEntry>();
  private readonly childrenOf = new Map<string, LedgerEntry[]>();
  /** Entries that may still be in an open batch (settled or voided ones drop out when next looked at). */
  private readonly openBatch = new Set<LedgerEntry>();
  /** The earliest cutoff any open-batch entry waits for, so requests before it skip the scan. */
  private nextCloseMs = Number.POSITIVE_INFINITY;
  private readonly attempts = new Map<string, { entryId: string; at: Date }>();
  private sequence = 0;
  private nextForgetSweepMs = Number.NEGATIVE_INFINITY;

  /** `businessDay` is asked at every batch decision, so a store that changes its cut-off is followed. */
  constructor(
    private readonly businessDay: () => BusinessDayRule,
    private readonly retention: Retention = { businessDays: defaultRetentionBusinessDays },
  ) {}

  /** A 22-digit request id like the gateway's: epoch seconds, then a sequence and random digits. */
  newId(now: Date): string {
    this.sequence = (this.sequence + 1) % 1_000_000;
    const random = randomBytes(4).readUInt32BE(0) % 1_000_000;
    return `${Math.floor(now.getTime() / 1000)}`.padStart(10, '0') + `${this.sequence}`.padStart(6, '0') + `${random}`.padStart(6, '0');
  }

  newReconciliationId(): string {
    return randomBytes(12).toString('base64').replace(/[^A-Za-z0-9]/g, 'X').slice(0, 16).toUpperCase();
  }

  /** A new entry with a fresh id, not yet recorded. */
  draft(now: Date, fields: Pick<LedgerEntry, 'kind' | 'status' | 'currency' | 'requestedMinor' | 'amountMinor' | 'clientReferenceCode'> & Partial<LedgerEntry>): LedgerEntry {
    return { id: this.newId(now), reconciliationId: this.newReconciliationId(), submittedAt: now, reversed: false, voided: false, increments: [], ...fields };
  }

  get(id: string): LedgerEntry | undefined {
    return this.entries.get(id);
  }

  all(): LedgerEntry[] {
    return [...this.entries.values()];
  }

  children(id: string, kind?: TransactionKind): LedgerEntry[] {
    const children = this.childrenOf.get(id) ?? [];
    return kind === undefined ? [...children] : children.filter((entry) => entry.kind === kind);
  }

  /** True when `transactionId` was used by an attempt within the last 60 days. */
  isDuplicate(transactionId: string | undefined, now: Date): boolean {
    if (transactionId === undefined) return false;
    const previous = this.attempts.get(transactionId);
    return previous !== undefined && now.getTime() - previous.at.getTime() < duplicateWindowMs;
  }

  /** The attempt that used `transactionId` (the newest one if it was reused after 60 days). */
  byTransactionId(transactionId: string): LedgerEntry | undefined {
    const attempt = this.attempts.get(transactionId);
    return attempt ? this.entries.get(attempt.entryId) : undefined;
  }

  /** Stores an entry; `indexAttempt` false for timeout reversals and voids, which name another attempt's transactionId. */
  record(entry: LedgerEntry, indexAttempt = true): LedgerEntry {
    this.entries.set(entry.id, entry);
    if (entry.parentId !== undefined) {
      const siblings = this.childrenOf.get(entry.parentId);
      if (siblings) siblings.push(entry);
      else this.childrenOf.set(entry.parentId, [entry]);
    }
    if (this.settles(entry)) {
      this.openBatch.add(entry);
      this.nextCloseMs = Math.min(this.nextCloseMs, batchCloseAfter(entry.submittedAt, this.businessDay()).getTime());
    }
    if (entry.clientTransactionId !== undefined && indexAttempt) {
      this.attempts.set(entry.clientTransactionId, { entryId: entry.id, at: entry.submittedAt });
    }
    return entry;
  }

  /** Entries that go into the settlement batch: captured money and credits. */
  private settles(entry: LedgerEntry): boolean {
    if (entry.voided || entry.settledAt || entry.status === 'DECLINED') return false;
    return entry.kind === 'capture' || entry.kind === 'refund' || entry.kind === 'credit' || (entry.kind === 'sale' && !entry.reversed && entry.status === 'AUTHORIZED');
  }

  /** Closes every batch whose daily cutoff has passed by `now`. */
  settleDue(now: Date): void {
    if (now.getTime() < this.nextCloseMs) return;
    this.nextCloseMs = Number.POSITIVE_INFINITY;
    for (const entry of this.openBatch) {
      if (!this.settles(entry)) {
        this.openBatch.delete(entry);
        continue;
      }
      const close = batchCloseAfter(entry.submittedAt, this.businessDay());
      if (close.getTime() <= now.getTime()) {
        entry.settledAt = close;
        this.openBatch.delete(entry);
      } else {
        this.nextCloseMs = Math.min(this.nextCloseMs, close.getTime());
      }
    }
  }

  /** Closes the open batch now. */
  settleAll(now: Date): void {
    for (const entry of this.openBatch) if (this.settles(entry)) entry.settledAt = now;
    this.openBatch.clear();
    this.nextCloseMs = Number.POSITIVE_INFINITY;
  }

  /** Authorized amount held by an authorization or sale (with increments), 0 once reversed. */
  authorizedOf(entry: LedgerEntry): number {
    if (entry.status === 'DECLINED' || entry.reversed) return 0;
    return entry.amountMinor;
  }

  /** Captured and not voided: a sale's own capture plus its (or an authorization's) captures. */
  capturedOf(entry: LedgerEntry): number {
    if (entry.kind === 'capture') return entry.voided ? 0 : entry.amountMinor;
    let total = entry.kind === 'sale' && entry.status === 'AUTHORIZED' && !entry.voided && !entry.reversed ? entry.amountMinor : 0;
    for (const capture of this.children(entry.id, 'capture')) if (!capture.voided) total += capture.amountMinor;
    return total;
  }

  /** Refunded and not voided, against this entry and (for an authorization) its captures. */
  refundedOf(entry: LedgerEntry): number {
    const targets = [entry, ...(entry.kind === 'capture' ? [] : this.children(entry.id, 'capture'))];
    let total = 0;
    for (const target of targets) for (const refund of this.children(target.id, 'refund')) if (!refund.voided) total += refund.amountMinor;
    return total;
  }

  stateOf(entry: LedgerEntry): TransactionState {
    if (entry.status === 'DECLINED') return 'declined';
    switch (entry.kind) {
      case 'reversal':
        return 'reversed';
      case 'void':
        return 'voided';
      case 'refund':
      case 'credit':
        return entry.voided ? 'voided' : entry.settledAt ? 'settled' : 'pending';
      case 'capture': {
        if (entry.voided) return 'voided';
        const refunded = this.refundedOf(entry);
        if (refunded > 0 && refunded >= entry.amountMinor) return 'refunded';
        return entry.settledAt ? 'settled' : 'captured';
      }
      default: {
        if (entry.reversed) return 'reversed';
        if (entry.kind === 'sale' && entry.voided) return 'voided';
        const captured = this.capturedOf(entry);
        if (captured === 0) return 'authorized';
        const refunded = this.refundedOf(entry);
        if (refunded > 0 && refunded >= captured) return 'refunded';
        const settled = entry.settledAt !== undefined || this.children(entry.id, 'capture').some((capture) => !capture.voided && capture.settledAt);
        return settled ? 'settled' : 'captured';
      }
    }
  }

  snapshot(entry: LedgerEntry): SandboxTransaction {
    const money = entry.kind === 'authorization' || entry.kind === 'sale' || entry.kind === 'capture';
    const view: SandboxTransaction = {
      id: entry.id,
      kind: entry.kind,
      status: entry.status,
      state: this.stateOf(entry),
      currency: entry.currency,
      requestedMinor: entry.requestedMinor,
      amountMinor: entry.amountMinor,
      authorizedMinor: entry.kind === 'authorization' || entry.kind === 'sale' ? this.authorizedOf(entry) : 0,
      capturedMinor: money ? this.capturedOf(entry) : 0,
      refundedMinor: money ? this.refundedOf(entry) : 0,
      clientReferenceCode: entry.clientReferenceCode,
      submittedAt: new Date(entry.submittedAt),
      settled: entry.settledAt !== undefined,
      ...(entry.parentId !== undefined ? { parentId: entry.parentId } : {}),
      ...(entry.clientTransactionId !== undefined ? { clientTransactionId: entry.clientTransactionId } : {}),
      ...(entry.cardSuffix !== undefined ? { cardSuffix: entry.cardSuffix } : {}),
      ...(entry.decline ? { reason: entry.decline.reason } : {}),
    };
    return Object.freeze(view);
  }

  /**
   * Drops every transaction, with its follow-ons, whose money can no longer move (settled,
   * declined, reversed, voided; an authorization never captured once it is past the 180-day
   * retention) and whose last activity is more than the retention's business days ago. The
   * duplicate index keeps a forgotten attempt's transactionId until its 60 days have passed.
   * Returns how many transactions it dropped.
   */
  forgetDue(now: Date): number {
    if (now.getTime() < this.nextForgetSweepMs) return 0;
    this.nextForgetSweepMs = now.getTime() + forgetSweepIntervalMs;
    let forgotten = 0;
    for (const entry of this.entries.values()) {
      if (entry.parentId !== undefined && this.entries.has(entry.parentId)) continue;
      const family = this.familyOf(entry);
      if (!this.forgettable(family, now)) continue;
      for (const member of family) this.drop(member);
      forgotten += family.length;
    }
    for (const [transactionId, attempt] of this.attempts) {
      if (now.getTime() - attempt.at.getTime() >= duplicateWindowMs && !this.entries.has(attempt.entryId)) this.attempts.delete(transactionId);
    }
    return forgotten;
  }

  /** How many transactions the ledger holds now: what forgetting keeps bounded. */
  size(): number {
    return this.entries.size;
  }

  /** A transaction and all its follow-ons (captures, their refunds, reversals, voids, increments). */
  private familyOf(root: LedgerEntry): LedgerEntry[] {
    const family = [root];
    for (const member of family) family.push(...(this.childrenOf.get(member.id) ?? []));
    return family;
  }

  private forgettable(family: readonly LedgerEntry[], now: Date): boolean {
    let lastActivityMs = Number.NEGATIVE_INFINITY;
    for (const member of family) {
      if (!this.isFinal(member, now)) return false;
      lastActivityMs = Math.max(lastActivityMs, member.submittedAt.getTime(), member.settledAt?.getTime() ?? Number.NEGATIVE_INFINITY);
    }
    return now.getTime() >= this.forgetAfterMs(lastActivityMs);
  }

  /** Nothing more can happen to this transaction by itself: its follow-ons are judged on their own. */
  private isFinal(entry: LedgerEntry, now: Date): boolean {
    if (entry.status === 'DECLINED' || entry.reversed || entry.voided) return true;
    switch (entry.kind) {
      case 'reversal':
      case 'void':
      case 'incremental':
        return true;
      case 'capture':
      case 'refund':
      case 'credit':
        return entry.settledAt !== undefined;
      case 'sale':
        if (entry.status === 'AUTHORIZED') return entry.settledAt !== undefined;
        return this.authorizationClosed(entry, now);
      case 'authorization':
        return this.authorizationClosed(entry, now);
    }
  }

  /** Captured (its captures then decide), or too old to capture. */
  private authorizationClosed(entry: LedgerEntry, now: Date): boolean {
    return this.children(entry.id, 'capture').length > 0 || now.getTime() - entry.submittedAt.getTime() > refundWindowMs;
  }

  /** The first cut-off at or after the last activity (a settlement happens at one), plus the retention's business days. */
  private forgetAfterMs(lastActivityMs: number): number {
    const rule = this.businessDay();
    return businessDayAfter(businessDayAt(lastActivityMs - 1, rule), this.retention.businessDays, rule).toMs;
  }

  private drop(entry: LedgerEntry): void {
    this.entries.delete(entry.id);
    this.childrenOf.delete(entry.id);
    this.openBatch.delete(entry);
  }
}
