import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../preload/contract';
import { TerminalError } from '../../../main/errors';
import { createDispatch, type Handlers } from '../../../main/ipc/dispatch';
import { createLogger } from '../../../main/log';

function setup(overrides: Partial<Handlers> = {}) {
  const lines: string[] = [];
  // Only the channels these tests call; the dispatcher itself is what is under test.
  const handlers = {
    'app.info': () => ({ name: 'Counter', version: '1.0.0', environment: 'sandbox', terminalId: 'T1', host: 'browser', settingsProblems: [] }),
    'settings.get': () => defaultSettings,
    'settings.update': (patch: Partial<typeof defaultSettings>) => ({ ...defaultSettings, ...patch }),
    ...overrides,
  } as Handlers;
  return { dispatch: createDispatch(handlers, createLogger((line) => lines.push(line))), lines };
}

describe('dispatch', () => {
  it('runs a known channel and returns its value', async () => {
    const { dispatch } = setup();
    expect(await dispatch('settings.update', { terminalId: 'T9' })).toEqual({ ok: true, value: { ...defaultSettings, terminalId: 'T9' } });
  });

  it('answers an unknown channel with a typed error and a log line', async () => {
    const { dispatch, lines } = setup();
    expect(await dispatch('payments.steal', {})).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'no such channel: payments.steal' } });
    expect(lines.join()).toContain('ipc call on unknown channel');
  });

  it('does not treat inherited object keys as channels', async () => {
    const { dispatch } = setup();
    expect(await dispatch('constructor', undefined)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses invalid arguments naming each field, without calling the handler', async () => {
    let called = false;
    const { dispatch } = setup({ 'settings.update': () => ((called = true), defaultSettings) });
    const result = await dispatch('settings.update', { terminalId: '', bogus: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_ARGUMENT');
    expect(result.error.fields?.map((f) => f.field).sort()).toEqual(['bogus', 'terminalId']);
    expect(called).toBe(false);
  });

  it('refuses arguments on a channel that takes none', async () => {
    const { dispatch } = setup();
    expect(await dispatch('app.info', { sneaky: true })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('passes a domain refusal through as its typed error', async () => {
    const { dispatch } = setup({ 'settings.get': () => { throw new TerminalError('FORBIDDEN', 'manager approval needed'); } });
    expect(await dispatch('settings.get', undefined)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'manager approval needed' } });
  });

  it('reports a bug as INTERNAL without leaking its details, and logs it', async () => {
    const { dispatch, lines } = setup({ 'settings.get': () => { throw new Error('database on fire'); } });
    const result = await dispatch('settings.get', undefined);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'settings.get failed inside the terminal; see the log' } });
    expect(lines.join()).toContain('database on fire');
  });

  it('refuses a handler result that breaks the contract rather than sending it on', async () => {
    const { dispatch } = setup({ 'settings.get': () => ({ ...defaultSettings, terminalId: 'far too long an id' }) });
    expect(await dispatch('settings.get', undefined)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
