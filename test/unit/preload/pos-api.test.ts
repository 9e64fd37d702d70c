import { describe, expect, it } from 'vitest';
import { channelNames, type Channel, type EventName } from '../../../preload/contract';
import { createPosApi } from '../../../preload/pos-api';

describe('createPosApi', () => {
  it('turns every contract channel into a domain verb that calls it with its arguments', async () => {
    const calls: [Channel, unknown][] = [];
    const pos = createPosApi({
      invoke: async (channel, args) => (calls.push([channel, args]), { ok: true, value: channel }),
      subscribe: () => () => {},
    });
    expect(await pos.settings.update({ terminalId: 'T2' })).toEqual({ ok: true, value: 'settings.update' });
    await pos.app.info();
    expect(calls).toEqual([
      ['settings.update', { terminalId: 'T2' }],
      ['app.info', undefined],
    ]);
    for (const channel of channelNames) {
      const [group, verb] = channel.split('.') as [string, string];
      expect(typeof (pos as unknown as Record<string, Record<string, unknown>>)[group]?.[verb]).toBe('function');
    }
  });

  it('passes event subscriptions through and returns the unsubscribe', () => {
    const subscribed: EventName[] = [];
    let unsubscribed = false;
    const pos = createPosApi({
      invoke: async () => ({ ok: true, value: undefined }),
      subscribe: (event) => (subscribed.push(event), () => (unsubscribed = true)),
    });
    const off = pos.on('settings.changed', () => {});
    off();
    expect(subscribed).toEqual(['settings.changed']);
    expect(unsubscribed).toBe(true);
  });
});
