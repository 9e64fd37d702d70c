import type { Receipt as ReceiptData } from '../../../preload/schemas';
import { formatMoney } from '../money';

const kindLabels = { sale: 'Sale', capture: 'Capture', refund: 'Refund', credit: 'Refund (credit)' } as const;
/** The reader's words and the gateway's (pointOfSaleInformation.entryMode) alike. */
const entryLabels: Record<string, string> = { swiped: 'Swiped', inserted: 'Chip', contact: 'Chip', tapped: 'Contactless', contactless: 'Contactless', msd: 'Contactless (stripe)', keyed: 'Keyed' };

/**
 * The customer's receipt for one approved card payment, refund or credit, as printed; `note` adds
 * a line such as "Voice authorized"; `copy` marks a reprint so it is never taken for a new payment.
 */
export function Receipt({ receipt, note, copy = false }: { receipt: ReceiptData; note?: string; copy?: boolean }) {
  const time = new Date(receipt.time);
  const moneyBack = receipt.kind === 'refund' || receipt.kind === 'credit';
  return (
    <article className="rc" aria-label={copy ? 'Receipt copy' : 'Receipt'}>
      {copy && <p className="rc-copy">*** COPY ***</p>}
      <header className="rc-head">
        <strong>{receipt.storeName}</strong>
        <span>Terminal {receipt.terminalId}</span>
        <time dateTime={receipt.time}>{time.toLocaleString()}</time>
      </header>
      <dl className="rc-lines">
        <div>
          <dt>{kindLabels[receipt.kind]}</dt>
          <dd className="rc-amount">{formatMoney(receipt.amountMinor, receipt.currency)}</dd>
        </div>
        <div>
          <dt>Card</dt>
          <dd>
            {receipt.brand} {receipt.maskedPan}
          </dd>
        </div>
        <div>
          <dt>Entry</dt>
          <dd>{entryLabels[receipt.entryMode] ?? receipt.entryMode}</dd>
        </div>
        <div>
          <dt>Approval code</dt>
          <dd>{receipt.approvalCode ?? '—'}</dd>
        </div>
        <div>
          <dt>Order</dt>
          <dd>{receipt.orderId}</dd>
        </div>
        <div>
          <dt>Transaction</dt>
          <dd>{receipt.gatewayId}</dd>
        </div>
      </dl>
      {receipt.approvedOffline && <p className="rc-note">Approved offline: the payment will be sent to the card network when the connection is back.</p>}
      {receipt.holdRemainder && (
        <p className="rc-note">
          Not taken from the hold: {formatMoney(receipt.holdRemainder.amountMinor, receipt.currency)}. It is not charged and falls off the card by itself within{' '}
          {receipt.holdRemainder.fallsOffWithinDays} days.
        </p>
      )}
      {note && <p className="rc-note">{note}</p>}
      <p className="rc-foot">{moneyBack ? 'REFUNDED TO CARD — thank you' : 'APPROVED — thank you'}</p>
      {copy && <p className="rc-copy">*** COPY ***</p>}
    </article>
  );
}
