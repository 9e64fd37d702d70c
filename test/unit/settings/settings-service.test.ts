import { describe, expect, it } from 'vitest';
import { defaultSettings, SettingsPatch, type Settings } from '../../../preload/contract';
import { TerminalError } from '../../../main/errors';
import { createEventBus } from '../../../main/ipc/event-bus';
import { openSettingsService, repairSettings, type SettingsBacking } from '../../../main/settings/settings-service';

function memoryBacking(initial?: unknown): SettingsBacking & { writes: Settings[] } {
  const writes: Settings[] = [];
  return { writes, read: () => initial, write: (settings) => void writes.push(settings) };
}

describe('repairSettings', () => {
  it('starts from the defaults on first start without reporting a problem', () => {
    expect(repairSettings(undefined)).toEqual({ settings: defaultSettings, problems: [] });
  });

  it('keeps valid stored values and replaces only the invalid ones, naming each', () => {
    const { settings, problems } = repairSettings({ ...defaultSettings, terminalId: 'TILL 7 WITH SPACES', storeName: 'Harbour Café', maxAmountMinor: -5 });
    expect(settings).toEqual({ ...defaultSettings, storeName: 'Harbour Café' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^terminalId: stored value "TILL 7 WITH SPACES" must be 1 to 8 letters or digits/);
    expect(problems[1]).toMatch(/^maxAmountMinor: stored value -5 must be at least 1; reset to 1000000$/);
  });

  it('drops settings it does not know and says so', () => {
    const { settings, problems } = repairSettings({ ...defaultSettings, colour: 'blue' });
    expect(settings).toEqual(defaultSettings);
    expect(problems).toEqual(['colour: not a setting Counter knows; removed']);
  });

  it('resets everything when the file holds something other than an object', () => {
    expect(repairSettings([1, 2]).problems).toEqual(['settings on disk are not an object; all settings reset to defaults']);
    expect(repairSettings('text').settings).toEqual(defaultSettings);
  });

  it('fills a setting missing from an older file with its default, silently', () => {
    const { currency: _currency, ...older } = defaultSettings;
    expect(repairSettings({ ...older, terminalId: 'T2' })).toEqual({ settings: { ...defaultSettings, terminalId: 'T2' }, problems: [] });
  });
});

describe('settings service', () => {
  it('writes repaired settings back at start so the file is valid again', () => {
    const backing = memoryBacking({ ...defaultSettings, environment: 'staging' });
    const service = openSettingsService(backing, createEventBus());
    expect(service.problems).toHaveLength(1);
    expect(backing.writes).toEqual([defaultSettings]);
  });

  it('writes and announces an accepted change', () => {
    const backing = memoryBacking();
    const events = createEventBus();
    const announced: unknown[] = [];
    events.subscribe((event, payload) => announced.push([event, payload]));
    const updated = openSettingsService(backing, events).update({ terminalId: 'LOBBY2' });
    expect(updated.terminalId).toBe('LOBBY2');
    expect(backing.writes).toEqual([updated]);
    expect(announced).toEqual([['settings.changed', updated]]);
  });

  it('refuses a change that breaks a rule, names the field, and writes nothing', () => {
    const backing = memoryBacking();
    const service = openSettingsService(backing, createEventBus());
    const attempt = () => service.update({ maxAmountMinor: 100_000_000 });
    expect(attempt).toThrow(TerminalError);
    expect(attempt).toThrow(/^maxAmountMinor: must be at most 99999999$/);
    expect(backing.writes).toEqual([]);
    expect(service.current()).toEqual(defaultSettings);
  });
});

describe('settings patch schema', () => {
  it.each([
    [{ colour: 'blue' }, 'colour'],
    [{ terminalId: 12 }, 'terminalId'],
    [{ maxAmountMinor: 10.5 }, 'maxAmountMinor'],
    [{ environment: 'staging' }, 'environment'],
    [{ storeName: '   ' }, 'storeName'],
  ])('rejects %j naming %s', (patch, field) => {
    const result = SettingsPatch.safeParse(patch);
    expect(result.success).toBe(false);
    const named = result.error?.issues.map((issue) => (issue.code === 'unrecognized_keys' ? issue.keys.join() : issue.path.join('.')));
    expect(named).toContain(field);
  });

  it('rejects an empty patch', () => {
    expect(SettingsPatch.safeParse({}).success).toBe(false);
  });
});
