/**
 * Taking a sale offline: the rules decide, the card's gateway fields are sealed under the
 * keychain's data key, and the sale is queued in the journal in one transaction (the order marked
 * offline with it). What the journal row keeps in the clear is the masked PAN and the fingerprint.
 */
import type { SaleResult } from '../../preload/channels/sales';
import type { Receipt } from '../../preload/schemas';
import { maxDeclinesPerCard } from '../payments/decline-policy';
import type { OfflineEntryMode, OfflineSaleRow } from '../payments/journal/offline-sales';
import { newReference, type PaymentContext } from '../payments/payment-context';
import type { PresentedCard } from '../payments/presented-card';
import type { CardSealer } from './card-seal';
import type { GatewayHealth } from './gateway-health';
import type { OfflineSaleRequest } from './offline-fallback';
import { judgeOfflineSale, type OfflinePolicyOptions } from './offline-policy';

export interface OfflineQueueDeps {
  context: PaymentContext;
  sealer: CardSealer;
  health: GatewayHealth;
  policy: OfflinePolicyOptions;
  /** Told after every change to the queue (status event, forwarder wake-up). */
  onQueueChange?: () => void;
}

/** What is sealed: exactly the card part of the sale request the forwarder will send. */
export type SealedPayment = PresentedCard['payment'];

const offlineEntryModes = new Set<string>(['swiped', 'contact', 'contactless', 'msd']);

export async function acceptOfflineSale(deps: OfflineQueueDeps, request: OfflineSaleRequest): Promise<SaleResult> {
  const { context, policy } = deps;
  const { journal } = context;
  const { currency } = context.settings();
  const { card, amountMinor, operatorId } = request;
  const totals = journal.offlineQueueTotals();
  const verdict = judgeOfflineSale(
    policy,
    { kind: 'sale', entryMode: card.summary.entryMode, amountMinor, currency },
    { outstandingMinor: totals.amountMinor, oldestAtMs: totals.oldestAtMs, sameCardQueued: journal.queuedOfflineSalesOfCard(card.summary.fingerprint) },
    context.clock().getTime(),
  );
  if (!verdict.accepted) {
    context.logger.log('info', 'sale declined offline', { reason: verdict.reason, amountMinor, operatorId, orderId: request.orderId ?? null });
    return {
      outcome: 'declined',
      decline: { reason: verdict.reason, message: verdict.message, category: null, retryAllowed: true, declinesInWindow: 0, declineLimit: maxDeclinesPerCard, offline: true },
    };
  }
  const entryMode = card.summary.entryMode;
  if (!offlineEntryModes.has(entryMode)) throw new Error(`entry mode ${entryMode} passed the offline rules`);
  const orderId = request.orderId ?? newReference('SALE');
  const plain = Buffer.from(JSON.stringify(card.payment), 'utf8');
  let row: OfflineSaleRow;
  try {
    const sealedCard = await deps.sealer.seal(plain, orderId);
    row = journal.atomically(() => {
      if (request.orderId === undefined) journal.openOrder({ id: orderId, kind: 'sale', amountMinor, currency, operatorId });
      return journal.enqueueOfflineSale({
        orderId,
        originalTransactionId: request.originalTransactionId,
        amountMinor,
        currency,
        card: { maskedPan: card.summary.maskedPan, brand: card.summary.brand, entryMode: entryMode as OfflineEntryMode, fingerprint: card.summary.fingerprint },
        operatorId,
        sealedCard,
      });
    });
  } finally {
    plain.fill(0);
  }
  context.logger.log('info', 'sale approved offline', { orderId, offlineId: row.id, amountMinor, operatorId });
  deps.onQueueChange?.();
  return { outcome: 'approved', receipt: offlineReceipt(context, row) };
}

/** The receipt of a sale approved offline: no gateway id or approval code yet, and it says so. */
export function offlineReceipt(context: PaymentContext, row: OfflineSaleRow): Receipt {
  const { storeName, terminalId } = context.settings();
  return {
    storeName,
    terminalId,
    orderId: row.orderId,
    kind: 'sale',
    amountMinor: row.amountMinor,
    currency: row.currency,
    maskedPan: row.maskedPan,
    brand: row.cardBrand,
    entryMode: row.entryMode,
    approvalCode: null,
    gatewayId: '',
    transactionId: `offline-${row.id}`,
    time: new Date(row.createdAtMs).toISOString(),
    approvedOffline: true,
  };
}
