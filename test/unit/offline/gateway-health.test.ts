import { describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../../main/gateway/client';
import type { TransactionLookup } from '../../../main/gateway/outcomes';
import { GatewayHealth, watchedClient, type HealthTimers } from '../../../main/offline/gateway-health';

/** Timers the test fires by hand, recording each delay asked for. */
function manualTimers(): HealthTimers & { delays: number[]; fire(): void } {
  let pending: (() => void) | undefined;
  const delays: number[] = [];
  return {
    delays,
    setTimeout: (fn, ms) => {
      delays.push(ms);
      pending = fn;
      return fn;
    },
    clearTimeout: () => {
      pending = undefined;
    },
    fire: () => {
      const fn = pending;
      pending = undefined;
      fn?.();
    },
  };
}

const unreachable: TransactionLookup = { kind: 'unknown-outcome', cause: 'connect-failed', requestSent: false, message: 'ECONNREFUSED' };
const notFound: TransactionLookup = { kind: 'invalid-request', httpStatus: 404, reason: 'NOT_FOUND', fields: [] };

function fakeClient(answers: TransactionLookup[]): GatewayClient & { probes: string[] } {
  const probes: string[] = [];
  const client = {
    probes,
    getTransaction: async (input: { id: string }) => {
      probes.push(input.id);
      return answers.shift() ?? notFound;
    },
    sale: async () => unreachable,
    close: () => undefined,
  };
  return client as unknown as GatewayClient & { probes: string[] };
}

describe('gateway health', () => {
  it('degrades on an unknown outcome, goes offline while probes fail (backing off), and comes back online on a 404', async () => {
    const timers = manualTimers();
    const client = fakeClient([unreachable, unreachable, unreachable]);
    const changes: string[] = [];
    const health = new GatewayHealth({ gateway: async () => client, probeBaseMs: 1_000, probeMaxMs: 8_000, timers, random: () => 1, onChange: (status) => changes.push(status) });

    const watched = watchedClient(client, health);
    expect(watchedClient(client, health)).toBe(watched);
    await watched.sale({ reference: { code: 'S', transactionId: 't1' }, amount: 100, currency: 'USD' });
    expect(health.status).toBe('degraded');
    expect(health.lastProblem).toContain('ECONNREFUSED');

    for (let probe = 0; probe < 3; probe++) {
      timers.fire();
      await health.probeNow();
    }
    expect(health.status).toBe('offline');
    // 1 s, then doubling per failed probe, capped at 8 s (random 1 = the top of the jitter band).
    expect(timers.delays).toEqual([1_000, 2_000, 4_000, 8_000]);
    timers.fire();
    expect(await health.probeNow()).toBe('online');
    expect(changes).toEqual(['degraded', 'offline', 'online']);
    expect(new Set(client.probes).size).toBe(client.probes.length);
    expect(client.probes.every((id) => /^probe[0-9a-f]{16}$/.test(id))).toBe(true);
  });

  it('takes any answer from the gateway as proof it is up, but not unreadable credentials', () => {
    const health = new GatewayHealth({ gateway: async () => fakeClient([]), timers: manualTimers() });
    health.observe(unreachable);
    health.observe({ kind: 'authentication-failed', message: 'credentials unavailable' });
    expect(health.status).toBe('degraded');
    health.observe({ kind: 'declined', httpStatus: 201, status: 'DECLINED', reason: 'INSUFFICIENT_FUND', retryAllowed: true });
    expect(health.status).toBe('online');
  });
});
