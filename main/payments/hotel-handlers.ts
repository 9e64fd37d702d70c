/** IPC handlers for the hotel and manager channels (preload/channels/hotel.ts). */
import type { hotelChannels } from '../../preload/channels/hotel';
import { TerminalError } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import type { SecretStore } from '../secrets/secret-store';
import { addCharge, cancelTab, checkout, lateCharge, openTab, replaceCard, tabHistory, tabView, type HotelDeps } from './hotel-tab';
import { once } from './idempotent-call';
import { listManagers, setManagerPin } from './manager-accounts';
import { managerGate, type ManagerApproval, type ManagerGate } from './manager-approval';
import { createManagerDirectory, type ManagerDirectory } from './manager-directory';
import type { PaymentContext } from './payment-context';
import { exclusively } from './payment-runtime';
import { refund, voidRefund } from './refunds';
import { keychainStoredCredentials } from './stored-credentials';
import { forceCapture } from './voice-authorization';
import { listVoidable, voidCapture } from './voids';

/** `secrets` (the keychain) holds manager PIN hashes and cards kept on file; without it those calls are NOT_CONFIGURED. */
export function hotelHandlers(context: PaymentContext, secrets?: SecretStore): Pick<Handlers, keyof typeof hotelChannels> {
  const { directory, managers, approve } = managerAccess(context, secrets);
  const deps: HotelDeps = { context, approve, credentials: secrets && keychainStoredCredentials(secrets) };
  /** One call per key, one call per tab at a time (two charges must not both ask for the same increment). */
  const onTab = <A extends { idempotencyKey: string; tabId: string }, R>(scope: string, args: A, run: () => Promise<R>) =>
    once(context, scope, args, () => exclusively(context, `tab:${args.tabId}`, run));
  const onTransaction = <A extends { idempotencyKey: string; approval: ManagerApproval }, R>(scope: string, args: A, lockKey: string, run: () => Promise<R>) =>
    onManagedTransaction(context, scope, args, lockKey, run);

  return {
    'tabs.open': (args) => once(context, 'tabs.open', args, () => openTab(deps, args)),
    'tabs.list': () => context.journal.openTabs().map((tab) => tabView(context.journal, tab.id)),
    'tabs.get': ({ tabId }) => tabHistory(context.journal, tabId),
    'tabs.addCharge': (args) => onTab('tabs.addCharge', args, () => addCharge(deps, args)),
    'tabs.replaceCard': (args) => onTab('tabs.replaceCard', args, () => replaceCard(deps, args)),
    'tabs.checkout': (args) => onTab('tabs.checkout', args, () => checkout(deps, args)),
    'tabs.cancel': (args) => onTab('tabs.cancel', args, () => cancelTab(deps, args)),
    'tabs.lateCharge': (args) => once(context, 'tabs.lateCharge', withoutPin(args), () => exclusively(context, `tab:${args.tabId}`, () => lateCharge(deps, args))),
    'voids.list': () => listVoidable(context),
    'voids.void': (args) => onTransaction('voids.void', args, args.transactionId, () => voidCapture(deps, args)),
    'refunds.refund': (args) => onTransaction('refunds.refund', args, args.transactionId, () => refund(deps, args)),
    'refunds.void': (args) => onTransaction('refunds.void', args, args.refundTransactionId, () => voidRefund(deps, args)),
    'voice.forceCapture': (args) => once(context, 'voice.forceCapture', withoutPin(args), () => forceCapture(deps, args)),
    'managers.setPin': (args) =>
      exclusively(context, 'managers', () => setManagerPin({ directory: managers(), approve, journal: context.journal, logger: context.logger }, args)),
    'managers.list': () => (directory ? listManagers({ directory, journal: context.journal }) : []),
  };
}

/** The managers in the keychain and the one gate that checks their PINs; without a keychain, NOT_CONFIGURED. */
export function managerAccess(context: PaymentContext, secrets?: SecretStore): { directory: ManagerDirectory | undefined; managers(): ManagerDirectory; approve: ManagerGate } {
  const directory = secrets && createManagerDirectory(secrets);
  const managers = (): ManagerDirectory => {
    if (!directory) throw new TerminalError('NOT_CONFIGURED', 'no keychain: manager PINs are unavailable');
    return directory;
  };
  return { directory, managers, approve: (request) => managerGate(context.journal, managers(), context.logger)(request) };
}

/** One call per key (kept without its PIN), one call per transaction at a time. */
export function onManagedTransaction<A extends { idempotencyKey: string; approval: ManagerApproval }, R>(context: PaymentContext, scope: string, args: A, lockKey: string, run: () => Promise<R>): Promise<R> {
  return once(context, scope, withoutPin(args), () => exclusively(context, `transaction:${lockKey}`, run));
}

/**
 * The arguments `once` digests and keeps with the key, without the PIN: a hash of a few digits
 * next to the other arguments would give the PIN away to anyone who reads the journal.
 */
export function withoutPin<A extends { approval: ManagerApproval }>(args: A): Omit<A, 'approval'> & { approval: { managerId: string } } {
  return { ...args, approval: { managerId: args.approval.managerId } };
}
