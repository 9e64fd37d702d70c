/** IPC handlers for the transaction history and credits (preload/channels/history.ts). */
import type { historyChannels } from '../../preload/channels/history';
import type { Handlers } from '../ipc/dispatch';
import type { SecretStore } from '../secrets/secret-store';
import { managerAccess, onManagedTransaction, withoutPin } from './hotel-handlers';
import { once } from './idempotent-call';
import type { PaymentContext } from './payment-context';
import { creditCard, refundOrVoid } from './refunds';
import { reprintReceipt, searchHistory, transactionDetail } from './transaction-history';
import type { ManagerFlowDeps } from './voids';

/** `secrets` (the keychain) holds the manager PIN hashes; without it the money calls are NOT_CONFIGURED. */
export function historyHandlers(context: PaymentContext, secrets?: SecretStore): Pick<Handlers, keyof typeof historyChannels> {
  const deps: ManagerFlowDeps = { context, approve: managerAccess(context, secrets).approve };
  return {
    'history.search': (query) => searchHistory(context, query),
    'history.get': ({ transactionId }) => transactionDetail(context, transactionId),
    'history.reprint': ({ transactionId }) => reprintReceipt(context, transactionId),
    'history.refund': (args) =>
      onManagedTransaction(context, 'history.refund', args, args.transactionId, async () => {
        const { how, step } = await refundOrVoid(deps, args);
        return { how, step, detail: transactionDetail(context, args.transactionId) };
      }),
    'refunds.credit': (args) => once(context, 'refunds.credit', withoutPin(args), () => creditCard(deps, args)),
  };
}
