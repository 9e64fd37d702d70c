/** IPC handlers for the offline channels (preload/channels/offline.ts). */
import type { z } from 'zod';
import type { OfflineSale, offlineChannels } from '../../preload/channels/offline';
import { TerminalError } from '../errors';
import type { OfflineSaleRow } from '../payments/journal/offline-sales';
import { once } from '../payments/idempotent-call';
import type { OfflineService } from './offline-service';

type OfflineChannel = keyof typeof offlineChannels;
export type OfflineHandlers = {
  [C in OfflineChannel]: (args: z.output<(typeof offlineChannels)[C]['args']>) => Promise<z.output<(typeof offlineChannels)[C]['result']>> | z.output<(typeof offlineChannels)[C]['result']>;
};

export function offlineHandlers(service: OfflineService): OfflineHandlers {
  const { context } = service;
  const { journal } = context;
  return {
    'offline.status': () => service.status(),
    'offline.queue': () => journal.queuedOfflineSales().map(offlineSaleView),
    'offline.exceptions': () => journal.offlineExceptions().map(offlineSaleView),
    'offline.resolveException': (args) =>
      once(context, 'offline.resolveException', digestable(args), async () => {
        const row = journal.offlineSale(args.id);
        if (row?.state !== 'exception') {
          throw new TerminalError(row ? 'WRONG_STATE' : 'NOT_FOUND', row ? `offline sale ${args.id} is ${row.state}, not an exception` : `no offline sale ${args.id}`, [
            { field: 'id', message: row ? `is ${row.state}` : 'unknown' },
          ]);
        }
        // Collected another way is the cashier's word; a write-off loses money, so a manager approves it.
        const by =
          args.action === 'written-off'
            ? await service.approve({ approval: args.approval, operatorId: args.operatorId, action: 'offline-write-off', subject: row.orderId })
            : args.operatorId;
        const resolved = journal.resolveOfflineException(args.id, { state: args.action, by, note: args.note });
        service.notify();
        context.logger.log('info', 'offline exception resolved', { offlineId: args.id, action: args.action, by, operatorId: args.operatorId, amountMinor: row.amountMinor });
        return offlineSaleView(resolved);
      }),
  };
}

type ResolveArgs = z.output<(typeof offlineChannels)['offline.resolveException']['args']>;

/** The PIN stays out of the idempotency digest the journal keeps (a hash of a short PIN is guessable). */
function digestable(args: ResolveArgs): { idempotencyKey: string } {
  if (args.action !== 'written-off') return args;
  const withoutPin: { idempotencyKey: string; approval: { managerId: string } } = { ...args, approval: { managerId: args.approval.managerId } };
  return withoutPin;
}

export function offlineSaleView(row: OfflineSaleRow): OfflineSale {
  return {
    id: row.id,
    orderId: row.orderId,
    state: row.state,
    amountMinor: row.amountMinor,
    currency: row.currency,
    maskedPan: row.maskedPan,
    brand: row.cardBrand,
    entryMode: row.entryMode,
    operatorId: row.operatorId,
    approvedOfflineAt: new Date(row.createdAtMs).toISOString(),
    tries: row.tries,
    nextTryAt: row.state === 'queued' ? new Date(row.nextTryAtMs).toISOString() : null,
    lastError: row.lastError,
    flagged: row.flaggedAtMs !== null,
    declineReason: row.declineReason,
    declineMessage: row.declineMessage,
    resolvedBy: row.resolvedBy,
    resolutionNote: row.resolutionNote,
  };
}
