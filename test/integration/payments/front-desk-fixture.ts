/**
 * The hotel and manager channels over real parts: the payments harness (journal file, sandbox over
 * HTTP, card store), a throwaway keychain service for manager PINs and cards on file, and the
 * same dispatcher the IPC bridges use, so arguments are validated exactly as in the terminal.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import type { historyChannels } from '../../../preload/channels/history';
import type { hotelChannels } from '../../../preload/channels/hotel';
import type { ChannelArgs, ChannelResult, PosResult } from '../../../preload/contract';
import { createDispatch, type Handlers } from '../../../main/ipc/dispatch';
import { createLogger } from '../../../main/log';
import { historyHandlers } from '../../../main/payments/history-handlers';
import { hotelHandlers } from '../../../main/payments/hotel-handlers';
import { keytarSecretStore, type SecretStore } from '../../../main/secrets/secret-store';
import { paymentsHarness, type HarnessOptions, type PaymentsHarness } from '../../support/payments';
import { useTempDir } from '../../support/temp-dir';

export type HotelChannel = keyof typeof hotelChannels | keyof typeof historyChannels;

export interface FrontDesk extends PaymentsHarness {
  secrets: SecretStore;
  /** The keychain service behind `secrets`, for a child process that must see the same managers. */
  keychainService: string;
  dir: string;
  call<C extends HotelChannel>(channel: C, args?: ChannelArgs<C>): Promise<PosResult<ChannelResult<C>>>;
  /** The value of a call that must succeed. */
  ok<C extends HotelChannel>(channel: C, args?: ChannelArgs<C>): Promise<ChannelResult<C>>;
  /** A fresh idempotency key per user action. */
  newKey(): string;
  /** Every business row of the journal, to prove a refused call changed nothing. */
  snapshot(): string;
}

export const managerPin = '4321';
export const approval = { managerId: 'mgr-ana', pin: managerPin };

/** `withManager`: the first manager (mgr-ana, PIN 4321) exists already. */
export function useFrontDesk(): (options?: HarnessOptions & { withManager?: boolean }) => Promise<FrontDesk> {
  const tempDir = useTempDir();
  const open: FrontDesk[] = [];
  afterEach(async () => {
    for (const desk of open.splice(0)) {
      await desk.close();
      for (const account of await desk.secrets.list()) await desk.secrets.delete(account);
    }
  });
  return async (options = {}) => {
    const dir = tempDir();
    const harness = await paymentsHarness(dir, options);
    const keychainService = `counter-test-${randomUUID()}`;
    const secrets = keytarSecretStore(keychainService);
    // Only the hotel and history channels exist in this dispatcher; the others are never called here.
    const handlers = { ...hotelHandlers(harness.context, secrets), ...historyHandlers(harness.context, secrets) };
    const dispatch = createDispatch(handlers as Handlers, createLogger(() => undefined));
    const call = <C extends HotelChannel>(channel: C, args?: ChannelArgs<C>) => dispatch(channel, args) as Promise<PosResult<ChannelResult<C>>>;
    const desk: FrontDesk = {
      ...harness,
      secrets,
      keychainService,
      dir,
      call,
      async ok(channel, args) {
        const result = await call(channel, args);
        if (!result.ok) throw new Error(`${channel} refused: ${result.error.code} ${result.error.message}`);
        return result.value;
      },
      newKey: () => `key-${randomUUID()}`,
      snapshot: () => journalSnapshot(harness.context.journal.filePath),
    };
    open.push(desk);
    if (options.withManager !== false) await desk.ok('managers.setPin', { operatorId: 'setup', managerId: approval.managerId, pin: managerPin });
    return desk;
  };
}

const snapshotTables = ['orders', 'tabs', 'tab_charges', 'attempts', 'voids', 'refunds'] as const;

function journalSnapshot(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return JSON.stringify(snapshotTables.map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()));
  } finally {
    db.close();
  }
}

/** A one-night stay checked out on Visa: the capture a manager may void or refund. */
export async function checkedOutStay(desk: FrontDesk, nightlyRateMinor = 150_00): Promise<{ tabId: string; captureId: string; authorizationId: string }> {
  const { tab, authorization } = await desk.ok('tabs.open', {
    idempotencyKey: desk.newKey(), operatorId: 'desk-1', cardHandle: desk.key('4111111111111111'),
    guestName: 'Katherine Johnson', room: '42', nights: 1, nightlyRateMinor, incidentalsMinor: 50_00,
  });
  const out = await desk.ok('tabs.checkout', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId: tab.tabId });
  if (!out.capture) throw new Error('no capture');
  return { tabId: tab.tabId, captureId: out.capture.transactionId, authorizationId: authorization.transactionId };
}

/** A clock the test moves by hand; the sandbox, the journal and the flows all read it. */
export function manualClock(start = '2026-11-21T12:00:00Z'): { clock: () => Date; advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { clock: () => new Date(now), advance: (ms) => { now += ms; } };
}
