/** Channels for the offline queue: the gateway's reachability, the sales waiting to be forwarded, and the declines that came back. */
import { z } from 'zod';
import type { ChannelTable } from '../channel-spec';
import { CurrencyCode, IdempotencyKey, ManagerApproval, OperatorId, ReferenceId, Timestamp } from '../schemas';

const NoArguments = z.undefined();
const Minor = z.int().nonnegative();

/** Sent as the `offline.status` event on every change, and answered by the `offline.status` channel. */
export const OfflineStatus = z.object({
  /** online: requests are answered; degraded: one went unanswered, probing; offline: probes go unanswered too (sales go straight to the offline rules). */
  gateway: z.enum(['online', 'degraded', 'offline']),
  /** Why it is not online, for the banner's detail line. */
  problem: z.string().nullable(),
  queuedCount: z.int().nonnegative(),
  queuedMinor: Minor,
  currency: CurrencyCode,
  oldestQueuedAt: Timestamp.nullable(),
  /** Queued past the maximum age: forward them (or the manager must see to them). */
  flaggedCount: z.int().nonnegative(),
  exceptionCount: z.int().nonnegative(),
  exceptionMinor: Minor,
});
export type OfflineStatus = z.infer<typeof OfflineStatus>;

export const OfflineSale = z.object({
  /** The queue entry's id, for resolveException. */
  id: z.int().positive(),
  orderId: ReferenceId,
  state: z.enum(['queued', 'forwarded', 'exception', 'collected', 'written-off', 'cancelled']),
  amountMinor: Minor,
  currency: CurrencyCode,
  maskedPan: z.string(),
  brand: z.string(),
  entryMode: z.string(),
  operatorId: z.string(),
  approvedOfflineAt: Timestamp,
  tries: z.int().nonnegative(),
  nextTryAt: Timestamp.nullable(),
  lastError: z.string().nullable(),
  flagged: z.boolean(),
  /** A declined forward: the issuer's reason and message. */
  declineReason: z.string().nullable(),
  declineMessage: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolutionNote: z.string().nullable(),
});
export type OfflineSale = z.infer<typeof OfflineSale>;

export const offlineChannels = {
  'offline.status': { args: NoArguments, result: OfflineStatus },
  /** Sales approved offline and still waiting to be forwarded, oldest first. */
  'offline.queue': { args: NoArguments, result: z.array(OfflineSale) },
  /** Declines that came back after forwarding, waiting for a manager. */
  'offline.exceptions': { args: NoArguments, result: z.array(OfflineSale) },
  /** collected: paid another way (cash, another card); written-off: the loss is accepted, with a manager's approval. */
  'offline.resolveException': {
    args: z.discriminatedUnion('action', [
      z.strictObject({ idempotencyKey: IdempotencyKey, operatorId: OperatorId, id: z.int().positive(), action: z.literal('collected'), note: z.string().max(200).optional() }),
      z.strictObject({
        idempotencyKey: IdempotencyKey,
        operatorId: OperatorId,
        id: z.int().positive(),
        action: z.literal('written-off'),
        approval: ManagerApproval,
        note: z.string().max(200).optional(),
      }),
    ]),
    result: OfflineSale,
  },
} as const satisfies ChannelTable;

export const offlineEvents = {
  'offline.status': OfflineStatus,
} as const satisfies Record<string, z.ZodType>;
