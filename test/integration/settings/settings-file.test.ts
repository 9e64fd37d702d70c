import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../preload/contract';
import { useTempDir } from '../../support/temp-dir';
import { call, terminalIn } from '../../support/terminal';

const tempDir = useTempDir();

describe('settings on disk', () => {
  it('persists an update across a restart', async () => {
    const dir = tempDir();
    const first = terminalIn(dir).terminal;
    expect(await call(first, 'settings.update', { terminalId: 'BAR2', storeName: 'Harbour Bar' })).toMatchObject({ ok: true });
    const again = terminalIn(dir).terminal;
    expect(await call(again, 'settings.get')).toEqual({ ok: true, value: { ...defaultSettings, terminalId: 'BAR2', storeName: 'Harbour Bar' } });
  });

  it('writes nothing when an update is refused', async () => {
    const dir = tempDir();
    const { terminal } = terminalIn(dir);
    await call(terminal, 'settings.update', { terminalId: 'BAR2' });
    const before = readFileSync(join(dir, 'settings.json'), 'utf8');
    const refused = await terminal.dispatch('settings.update', { terminalId: 'BAR3', currency: 'XYZ' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ field: 'currency' }] } });
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before);
  });

  it('starts with defaults when the file is not JSON, keeps the damaged file aside, and reports it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{"terminalId": "BAR2", ');
    const { terminal, logLines } = terminalIn(dir);
    const info = await call(terminal, 'app.info');
    expect(info.ok && info.value.settingsProblems[0]).toMatch(/^settings file was not valid JSON .*; moved to .*settings\.json\.invalid-.* and reset to defaults$/);
    expect(readdirSync(dir).filter((name) => name.startsWith('settings.json.invalid-'))).toHaveLength(1);
    expect(await call(terminal, 'settings.get')).toEqual({ ok: true, value: defaultSettings });
    expect(logLines.join()).toContain('settings problem at start');
  });

  it('repairs invalid values on disk field by field and saves the repair', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...defaultSettings, storeName: 'Harbour Bar', maxAmountMinor: 'lots' }));
    const { terminal } = terminalIn(dir);
    const info = await call(terminal, 'app.info');
    expect(info.ok && info.value.settingsProblems).toEqual([expect.stringMatching(/^maxAmountMinor: stored value "lots" /)]);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ ...defaultSettings, storeName: 'Harbour Bar' });
    expect(existsSync(join(dir, 'settings.json'))).toBe(true);
  });
});
