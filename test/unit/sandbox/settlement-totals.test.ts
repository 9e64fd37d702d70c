/**
 * What the sandbox's ledger will settle: live sales and captures in, live refunds and credits out,
 * per card type and currency; holds and anything voided, reversed or declined move nothing.
 */
import { describe, expect, it } from 'vitest';
import { settlementTotals } from '../../../main/sandbox/settlement-totals';
import { TransactionLedger, utcMidnight, type LedgerEntry } from '../../../main/sandbox/transaction-ledger';

const ledger = new TransactionLedger(() => utcMidnight);
const now = new Date('2026-06-15T12:00:00Z');
const entry = (fields: Pick<LedgerEntry, 'kind' | 'status' | 'amountMinor'> & Partial<LedgerEntry>): LedgerEntry =>
  ledger.draft(now, { currency: 'USD', requestedMinor: fields.amountMinor, clientReferenceCode: 'ORDER', cardType: '001', ...fields });

describe('settlement totals', () => {
  it('counts sales and captures less refunds and credits, per card type and currency', () => {
    const totals = settlementTotals([
      entry({ kind: 'sale', status: 'AUTHORIZED', amountMinor: 1234 }),
      entry({ kind: 'capture', status: 'PENDING', amountMinor: 7500 }),
      entry({ kind: 'refund', status: 'PENDING', amountMinor: 500 }),
      entry({ kind: 'credit', status: 'PENDING', amountMinor: 200, cardType: '002' }),
      entry({ kind: 'sale', status: 'AUTHORIZED', amountMinor: 900, currency: 'EUR' }),
    ]);
    expect(totals).toEqual([
      { cardType: '001', currency: 'EUR', chargedMinor: 900, returnedMinor: 0, netMinor: 900 },
      { cardType: '001', currency: 'USD', chargedMinor: 8734, returnedMinor: 500, netMinor: 8234 },
      { cardType: '002', currency: 'USD', chargedMinor: 0, returnedMinor: 200, netMinor: -200 },
    ]);
  });

  it('leaves out holds and whatever was voided, reversed or declined', () => {
    expect(
      settlementTotals([
        entry({ kind: 'authorization', status: 'AUTHORIZED', amountMinor: 8000 }),
        entry({ kind: 'incremental', status: 'AUTHORIZED', amountMinor: 5000 }),
        // A partially approved sale is not captured: a hold until captured or reversed.
        entry({ kind: 'sale', status: 'PARTIAL_AUTHORIZED', amountMinor: 6000 }),
        entry({ kind: 'sale', status: 'AUTHORIZED', amountMinor: 2500, voided: true }),
        entry({ kind: 'sale', status: 'AUTHORIZED', amountMinor: 4200, reversed: true }),
        entry({ kind: 'sale', status: 'DECLINED', amountMinor: 0 }),
        entry({ kind: 'capture', status: 'PENDING', amountMinor: 3000, voided: true }),
        entry({ kind: 'refund', status: 'PENDING', amountMinor: 1000, voided: true }),
        entry({ kind: 'reversal', status: 'REVERSED', amountMinor: 3000 }),
        entry({ kind: 'void', status: 'VOIDED', amountMinor: 2500 }),
      ]),
    ).toEqual([]);
  });
});
