/**
 * The terminal's reader as the settings choose it: training mode's simulated reader on a real
 * socat cable through the real driver, cards arriving as masked events, and no reader at all.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CardRead } from '../../../preload/contract';
import type { Terminal } from '../../../main/terminal';
import { useTempDir } from '../../support/temp-dir';
import { call, nextEvent, terminalIn } from '../../support/terminal';

const tempDir = useTempDir();
const opened: Terminal[] = [];
afterEach(async () => {
  for (const terminal of opened.splice(0)) await terminal.close();
});

function openTerminal(): Terminal {
  const { terminal } = terminalIn(tempDir());
  opened.push(terminal);
  return terminal;
}


describe('card reader wiring', () => {
  it('presents a training test card through the simulator and the real driver as a masked card event', async () => {
    const terminal = openTerminal();
    const ready = nextEvent(terminal, 'reader.status', (status) => status.state === 'ready');
    await call(terminal, 'reader.status');
    await ready;

    const cards = await call(terminal, 'reader.testCards');
    expect(cards.ok && cards.value[0]).toEqual({ index: 0, label: 'Visa •••• 1111' });
    expect(JSON.stringify(cards)).not.toMatch(/\d{13,}/);

    for (const how of ['swipe', 'insert', 'tap'] as const) {
      const card = nextEvent(terminal, 'reader.card');
      expect(await call(terminal, 'reader.present', { index: 0, how })).toEqual({ ok: true, value: { presented: true } });
      const read: CardRead = await card;
      expect(read).toMatchObject({ maskedPan: '•••• 1111', brand: 'visa', entryMode: { swipe: 'swiped', insert: 'inserted', tap: 'tapped' }[how] });
      expect(read.handle).toMatch(/^card_[0-9a-f]{32}$/);
      expect(JSON.stringify(read)).not.toContain('4111111111111111');
    }
  });

  it('switches the reader off from the settings, and then refuses test cards', async () => {
    const terminal = openTerminal();
    await call(terminal, 'reader.status');
    expect(await call(terminal, 'settings.update', { reader: { mode: 'none' } })).toMatchObject({ ok: true });
    expect(await call(terminal, 'reader.status')).toEqual({ ok: true, value: { state: 'off' } });
    expect(await call(terminal, 'reader.present', { index: 0, how: 'tap' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('reports a serial reader whose port does not exist, without crashing', async () => {
    const terminal = openTerminal();
    await call(terminal, 'settings.update', { reader: { mode: 'serial', serial: { protocol: 'magstripe', path: '/dev/counter-no-such-port', baudRate: 9600 } } });
    const failed = nextEvent(terminal, 'reader.status', (status) => status.state === 'error' || status.state === 'disconnected');
    await call(terminal, 'reader.status');
    expect(await failed).toMatchObject({ path: '/dev/counter-no-such-port' });
  });

  it('refuses reader settings that name no port or an odd baud rate, naming the field', async () => {
    const terminal = openTerminal();
    const result = await terminal.dispatch('settings.update', { reader: { mode: 'serial', serial: { protocol: 'magstripe', path: '', baudRate: 1234 } } });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const fields = result.ok ? [] : (result.error.fields ?? []).map((field) => field.field);
    expect(fields).toEqual(['reader.serial.path', 'reader.serial.baudRate']);
  });

  it('turns a keyed card into a masked card read, and names the field of a bad one', async () => {
    const terminal = openTerminal();
    const read = await call(terminal, 'card.keyed', { pan: '4111 1111 1111 1111', expiryMonth: 12, expiryYear: 2031, cvn: '123' });
    expect(read).toMatchObject({ ok: true, value: { maskedPan: '•••• 1111', entryMode: 'keyed', expiry: { month: 12, year: 2031 } } });
    expect(await call(terminal, 'card.keyed', { pan: '4111111111111112', expiryMonth: 12, expiryYear: 2031 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', fields: [{ field: 'pan' }] },
    });
    expect(await call(terminal, 'card.keyed', { pan: '4111111111111111', expiryMonth: 1, expiryYear: 2020 })).toMatchObject({
      ok: false,
      error: { fields: [{ field: 'expiryYear' }] },
    });
  });
});
