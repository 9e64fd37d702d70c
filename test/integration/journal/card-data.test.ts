import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { maskPan } from '../../../main/card-number';
import { assertMaskedPan, redactCardNumbers } from '../../../main/payments/journal/card-data';
import { useJournals, visa } from './journal-fixture';

const journals = useJournals();
const pan = '4111111111111111';

describe('card data never enters the journal', () => {
  it('masks a PAN to •••• and the last four, and accepts only that form', () => {
    expect(maskPan(pan)).toBe('•••• 1111');
    expect(maskPan('5555 5555 5555 4444')).toBe('•••• 4444');
    expect(() => assertMaskedPan('•••• 1111')).not.toThrow();
    expect(() => assertMaskedPan(pan)).toThrow(expect.objectContaining({ code: 'CARD_DATA' }));
    expect(() => assertMaskedPan('4111 1111 1111 1')).toThrow(expect.objectContaining({ code: 'CARD_DATA' }));
    expect(() => assertMaskedPan('411111******1111')).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
  });

  it('refuses a full PAN or track data anywhere a person or gateway writes text', () => {
    const { journal } = journals.open();
    journal.openOrder({ id: 'S-1', kind: 'sale', amountMinor: 100, currency: 'USD', operatorId: 'op-1' });
    const sale = { transactionId: 'T-1', kind: 'sale' as const, owner: { orderId: 'S-1' }, amountMinor: 100, currency: 'USD' as const, operatorId: 'op-1' };
    expect(() => journal.recordAttemptPending({ ...sale, card: { ...visa, maskedPan: pan } })).toThrow(expect.objectContaining({ code: 'CARD_DATA' }));
    expect(() => journal.recordAttemptPending({ ...sale, card: { ...visa, maskedPan: `;${pan}=31121010000000000000?` } })).toThrow(expect.objectContaining({ code: 'CARD_DATA' }));
    expect(() => journal.openTab({
      id: 'TAB-1', guestName: `Guest ${pan}`, room: '1', nights: 1, nightlyRateMinor: 1, incidentalsMinor: 0, headroomMinor: 0, currency: 'USD', cardOnFile: false, operatorId: 'op-1',
    })).toThrow(expect.objectContaining({ code: 'CARD_DATA' }));
    journal.openTab({ id: 'TAB-1', guestName: 'Guest', room: '1', nights: 1, nightlyRateMinor: 1, incidentalsMinor: 0, headroomMinor: 0, currency: 'USD', cardOnFile: false, operatorId: 'op-1' });
    expect(() => journal.flagTab('TAB-1', `card ${pan} looked odd`)).toThrow(expect.objectContaining({ code: 'CARD_DATA' }));
    journal.recordAttemptPending({ ...sale, card: visa });
    expect(() => journal.settleAttempt('T-1', { status: 'declined', reason: `BAD_${pan}` })).toThrow(expect.objectContaining({ code: 'CARD_DATA' }));
    expect(journal.attempt('T-1')?.status).toBe('pending');
  });

  it('blanks card-number-like runs in raw responses and messages, but keeps 22-digit gateway ids', () => {
    expect(redactCardNumbers(`{"number":"${pan}","id":"6461731521426399003473"}`)).toBe('{"number":"••••••••••••••••","id":"6461731521426399003473"}');
    const { journal } = journals.open();
    journal.openOrder({ id: 'S-1', kind: 'sale', amountMinor: 100, currency: 'USD', operatorId: 'op-1' });
    journal.recordAttemptPending({ transactionId: 'T-1', kind: 'sale', owner: { orderId: 'S-1' }, amountMinor: 100, currency: 'USD', card: visa, operatorId: 'op-1' });
    journal.settleAttempt('T-1', { status: 'unknown', message: `echoed ${pan}`, rawResponse: `{"paymentInformation":{"card":{"number":"${pan}"}}` });
    expect(journal.attempt('T-1')).toMatchObject({ message: 'echoed ••••••••••••••••', rawResponse: '{"paymentInformation":{"card":{"number":"••••••••••••••••"}}' });
  });

  it('has the schema refuse a full PAN written past the journal', () => {
    const { journal, file } = journals.open();
    journal.openOrder({ id: 'S-1', kind: 'sale', amountMinor: 100, currency: 'USD', operatorId: 'op-1' });
    journal.recordAttemptPending({ transactionId: 'T-1', kind: 'sale', owner: { orderId: 'S-1' }, amountMinor: 100, currency: 'USD', card: visa, operatorId: 'op-1' });
    journal.close();
    const db = new Database(file);
    expect(() => db.prepare(`UPDATE attempts SET masked_pan = ?`).run(pan)).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare(`UPDATE attempts SET amount_minor = 10.5`).run()).toThrow(/cannot store REAL value in INTEGER column/);
    expect(() => db.prepare(`UPDATE attempts SET amount_minor = -1`).run()).toThrow(/CHECK constraint failed/);
    db.close();
  });

  it('leaves no PAN in the database file or its WAL after a day of work', async () => {
    const { journal, file } = journals.open();
    journal.openOrder({ id: 'S-1', kind: 'sale', amountMinor: 100, currency: 'USD', operatorId: 'op-1' });
    journal.recordAttemptPending({ transactionId: 'T-1', kind: 'sale', owner: { orderId: 'S-1' }, amountMinor: 100, currency: 'USD', card: { ...visa, maskedPan: maskPan(pan) }, operatorId: 'op-1' });
    journal.settleAttempt('T-1', { status: 'unknown', message: 'timeout', rawResponse: `card ${pan} and track ;${pan}=3112101?` });
    await expect(journal.withIdempotency('K', () => ({ pan }))).rejects.toMatchObject({ code: 'CARD_DATA' });
    const folder = join(file, '..');
    const files = readdirSync(folder).filter((name) => name.startsWith('journal.sqlite'));
    expect(files).toEqual(expect.arrayContaining(['journal.sqlite', 'journal.sqlite-wal']));
    for (const name of files) expect(readFileSync(join(folder, name)).includes(pan)).toBe(false);
  });
});
