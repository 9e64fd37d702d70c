import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { approval, useFrontDesk, type FrontDesk } from './front-desk-fixture';

const frontDesk = useFrontDesk();
const visa = '4111111111111111';

async function stayWithCardOnFile(desk: FrontDesk, storeCard = true) {
  const opened = await desk.ok('tabs.open', {
    idempotencyKey: desk.newKey(), operatorId: 'desk-1', cardHandle: desk.key(visa, undefined, '123'),
    guestName: 'John Doe', room: '204', nights: 1, nightlyRateMinor: 180_00, incidentalsMinor: 20_00, storeCard,
  });
  await desk.ok('tabs.checkout', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId: opened.tab.tabId });
  return opened;
}

describe('a card kept on file at check-in', () => {
  it('stores the card with TMS in a CIT, keeps only the instrument identifier and masked card, and charges late as an MIT with a manager', async () => {
    const desk = await frontDesk();
    const opened = await stayWithCardOnFile(desk);
    const tabId = opened.tab.tabId;
    expect(opened.tab).toMatchObject({ cardOnFile: true, maskedPan: '•••• 1111' });
    // The guide's CIT + TMS example: Visa 4111… is instrument identifier 7010000000016241111.
    expect(desk.context.journal.tab(tabId)).toMatchObject({ cardOnFile: true, instrumentIdentifierId: '7010000000016241111', maskedPan: '•••• 1111' });

    const late = await desk.ok('tabs.lateCharge', { idempotencyKey: desk.newKey(), operatorId: 'desk-2', tabId, category: 'minibar', amountMinor: 35_50, note: 'found at turndown', approval });
    expect(late.charge).toMatchObject({ kind: 'mit', status: 'approved', approvedMinor: 35_50, operatorId: 'desk-2', managerId: approval.managerId });
    expect(late.tab).toMatchObject({ state: 'checked-out', lateChargedMinor: 35_50, capturedMinor: 180_00 });
    expect(late.receipt).toMatchObject({ orderId: tabId, amountMinor: 35_50, maskedPan: '•••• 1111' });
    const mit = desk.sandbox.transactions().filter((t) => t.clientReferenceCode === tabId).at(-1);
    expect(mit).toMatchObject({ kind: 'sale', state: 'captured', capturedMinor: 35_50, cardSuffix: '1111' });
    expect(desk.context.journal.history({ tabId }).at(-1)).toMatchObject({ kind: 'mit', entryMode: 'stored', operatorId: 'desk-2', managerId: approval.managerId });

    // Nothing on disk holds the card number or the CVN: the journal file, its WAL, the idempotent results.
    const file = desk.context.journal.filePath;
    for (const path of [file, `${file}-wal`]) {
      const bytes = readFileSync(path, { flag: 'r' }).toString('latin1');
      expect(bytes.includes(visa)).toBe(false);
    }
    expect(desk.logLines.join('\n')).not.toContain(visa);
    // The keychain keeps only what the MIT needs besides the identifier.
    const stored = JSON.parse((await desk.secrets.get(`tabs/${tabId}/stored-credential`)) ?? '{}') as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['expirationMonth', 'expirationYear', 'networkTransactionId']);
  });

  it('refuses a late charge without the manager, on an open tab, or without consent, sending nothing', async () => {
    const desk = await frontDesk();
    const { tab } = await stayWithCardOnFile(desk);
    const { tab: noConsent } = await stayWithCardOnFile(desk, false);
    const open = await desk.ok('tabs.open', {
      idempotencyKey: desk.newKey(), operatorId: 'desk-1', cardHandle: desk.key(visa), guestName: 'Still Here', room: '9', nights: 1, nightlyRateMinor: 90_00, incidentalsMinor: 0, storeCard: true,
    });
    const before = desk.snapshot();
    const sent = desk.sandbox.transactions().length;
    const late = (tabId: string, pin = approval.pin) =>
      desk.call('tabs.lateCharge', { idempotencyKey: desk.newKey(), operatorId: 'desk-2', tabId, category: 'damage', amountMinor: 60_00, approval: { managerId: approval.managerId, pin } });

    expect(await late(tab.tabId, '0000')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/^PIN_REJECTED/) } });
    expect(await late(open.tab.tabId)).toMatchObject({ ok: false, error: { code: 'WRONG_STATE', message: expect.stringMatching(/checked-out tab/) } });
    expect(await late(noConsent.tabId)).toMatchObject({ ok: false, error: { code: 'WRONG_STATE', message: expect.stringMatching(/no card on file/) } });
    expect(noConsent.cardOnFile).toBe(false);
    expect(desk.snapshot()).toBe(before);
    expect(desk.sandbox.transactions()).toHaveLength(sent);
  });
});
