/** IPC handlers for the sales channels (preload/channels/sales.ts). */
import type { salesChannels } from '../../preload/channels/sales';
import type { Handlers } from '../ipc/dispatch';
import type { ManagerGate } from './manager-approval';
import type { PaymentContext } from './payment-context';
import { capturePreAuth, createPreAuth, listPreAuths, releasePreAuth } from './pre-auth';
import { recoveryReport, startRecovery } from './recovery';
import { chargeSale } from './sale';
import { addCardTender, addCashTender, cancelSplitSession, completeSplitSession, listSplitSessions } from './split-tender';

/** `approve` is the manager gate (absent without a keychain: overrides are then NOT_CONFIGURED). */
export function salesHandlers(context: PaymentContext, approve?: ManagerGate): Pick<Handlers, keyof typeof salesChannels> {
  return {
    'sale.charge': (args) => chargeSale(context, args, approve),
    'preauth.create': (args) => createPreAuth(context, args),
    'preauth.list': () => listPreAuths(context),
    'preauth.capture': (args) => capturePreAuth(context, args),
    'preauth.release': (args) => releasePreAuth(context, args),
    'split.list': () => listSplitSessions(context),
    'split.addCard': (args) => addCardTender(context, args),
    'split.addCash': (args) => addCashTender(context, args),
    'split.complete': (args) => completeSplitSession(context, args),
    'split.cancel': (args) => cancelSplitSession(context, args),
    'recovery.report': () => recoveryReport(context),
    'recovery.run': () => startRecovery(context),
  };
}
