/** IPC handlers for the till channels (preload/channels/till.ts). */
import type { tillChannels } from '../../preload/channels/till';
import type { Handlers } from '../ipc/dispatch';
import { withoutPin } from './hotel-handlers';
import { once } from './idempotent-call';
import { exclusively } from './payment-runtime';
import { closeTill, openTill, tillState, undoOrphan, zReport, zReportSummaries, type TillDeps } from './till';
import { zReportCsv } from './z-report-csv';

export function tillHandlers(deps: TillDeps): Pick<Handlers, keyof typeof tillChannels> {
  const { context } = deps;
  return {
    'till.state': () => tillState(context),
    'till.open': (args) => exclusively(context, 'till', () => Promise.resolve(openTill(context, args))),
    'till.close': (args) => closeTill(deps, args),
    'till.undoOrphan': (args) => once(context, 'till.undoOrphan', withoutPin(args), () => exclusively(context, `transaction:${args.transactionId}`, () => undoOrphan(deps, args))),
    'till.zReports': () => zReportSummaries(context),
    'till.zReport': ({ number }) => zReport(context, number),
    'till.zReportCsv': ({ number }) => zReportCsv(zReport(context, number)),
  };
}
