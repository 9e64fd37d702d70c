/**
 * The offline rules come from the settings: with the training sandbox down, a tapped sale under
 * the configured per-sale limit is approved offline, and once the limit is lowered the same sale
 * is declined offline with the reason.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Terminal } from '../../../main/terminal';
import { useTempDir } from '../../support/temp-dir';
import { call, tapTestCard, terminalIn } from '../../support/terminal';

const tempDir = useTempDir();
const opened: Terminal[] = [];
afterEach(async () => {
  for (const terminal of opened.splice(0)) await terminal.close();
});


describe('offline limits from the settings', () => {
  it('approves under the configured limit and declines over it, while the gateway is down', async () => {
    const { terminal } = terminalIn(tempDir());
    opened.push(terminal);
    await call(terminal, 'reader.status');
    await call(terminal, 'sandbox.fault', { kind: 'refuse' });

    const under = await call(terminal, 'sale.charge', { idempotencyKey: 'offline-key-0001', operatorId: 'cashier', amountMinor: 3000, cardHandle: await tapTestCard(terminal) });
    expect(under).toMatchObject({ ok: true, value: { outcome: 'approved', receipt: { approvedOffline: true, amountMinor: 3000 } } });

    expect(await call(terminal, 'settings.update', { offline: { perSaleLimitMinor: 2000, outstandingLimitMinor: 50_000, maxAgeHours: 24, perCardLimit: 2 } })).toMatchObject({ ok: true });
    const over = await call(terminal, 'sale.charge', { idempotencyKey: 'offline-key-0002', operatorId: 'cashier', amountMinor: 3000, cardHandle: await tapTestCard(terminal) });
    expect(over).toMatchObject({ ok: true, value: { outcome: 'declined', decline: { offline: true, reason: 'OFFLINE_OVER_SALE_LIMIT', message: expect.stringContaining('over 20.00 USD') } } });
  });

  it('refuses offline limits out of range, naming the field', async () => {
    const { terminal } = terminalIn(tempDir());
    opened.push(terminal);
    const result = await terminal.dispatch('settings.update', { offline: { perSaleLimitMinor: -1, outstandingLimitMinor: 50_000, maxAgeHours: 0, perCardLimit: 2 } });
    const fields = result.ok ? [] : (result.error.fields ?? []).map((field) => field.field);
    expect(fields).toEqual(['offline.perSaleLimitMinor', 'offline.maxAgeHours']);
  });
});
