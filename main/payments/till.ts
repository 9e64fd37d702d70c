/**
 * The till: a session per terminal, opened with a float and closed by a manager with a cash count.
 * The close reconciles the session's attempts with the gateway's own records (Transaction Search)
 * and, when they agree or the manager accepts the differences, stores the numbered Z report in
 * the same transaction that closes the session. An approval the gateway has and the journal lost
 * is undone through the runner, by its transactionId, with a manager's approval.
 */
import type { OrphanUndo, TillCloseResult, TillSession, TillState, ZReport, ZReportSummary } from '../../preload/channels/till';
import { ZReport as ZReportSchema } from '../../preload/channels/till';
import { TerminalError } from '../errors';
import { submittedBetween } from '../gateway/search-query';
import { searchAllTransactions } from '../gateway/transaction-search';
import { ownerOf } from './attempt-runner';
import { booksOf } from './books';
import { asTerminalError } from './flow-error';
import { refusal } from './hotel-errors';
import { JournalError } from './journal/journal-error';
import type { TillCash, TillSessionRow } from './journal/till-sessions';
import type { ManagerApproval, ManagerGate } from './manager-approval';
import type { PaymentContext } from './payment-context';
import { exclusively } from './payment-runtime';
import { reconcile, type GatewayRecord } from './reconciliation';
import { sendTimeoutUndo, undoKindOf } from './recovery';

/** The gateway's records submitted in [fromMs, toMs), every page; throws a TerminalError when it cannot say. */
export type TransactionSearch = (fromMs: number, toMs: number) => Promise<GatewayRecord[]>;

/** The gateway's own records through Transaction Search, every page, for the close. */
export function gatewaySearch(context: PaymentContext): TransactionSearch {
  return async (fromMs, toMs) => {
    const client = await context.gateway();
    const found = await searchAllTransactions(client, submittedBetween(new Date(fromMs), new Date(toMs)));
    switch (found.kind) {
      case 'found':
        return found.transactions;
      case 'too-many':
        throw new TerminalError('RULE_VIOLATION', `the gateway has ${found.totalCount} transactions for the session, more than the ${found.maxTransactions} the close reconciles: reconcile in the Business Center`);
      case 'authentication-failed':
        throw new TerminalError('NOT_CONFIGURED', `the gateway refused the terminal's credentials for the search: ${found.message}`);
      case 'invalid-request':
        throw new TerminalError('GATEWAY_REFUSED', `the gateway refused the search: ${found.message}`);
      case 'unknown-outcome':
        throw new TerminalError('DISCONNECTED', `no usable answer from the gateway's Transaction Search (${found.message}): the close needs it; try again when the gateway is back`);
    }
  };
}

export interface TillDeps {
  context: PaymentContext;
  approve: ManagerGate;
  search: TransactionSearch;
}

/** Clocks differ: the search reaches this far either side of the session, and records outside it that are not ours are left to their own session. */
const searchMarginMs = 5 * 60_000;
/** A payment finished while the close was reconciling: reconcile again, a few times at most. */
const closeTries = 3;

export function tillSessionView(row: TillSessionRow): TillSession {
  return { id: row.id, currency: row.currency, floatMinor: row.floatMinor, implicit: row.implicit, openedBy: row.openedBy, openedAt: new Date(row.openedAtMs).toISOString() };
}

export function tillState(context: PaymentContext): TillState {
  const open = context.journal.openTillSession();
  return { open: open ? tillSessionView(open) : null, lastZNumber: context.journal.lastZNumber(), currency: open?.currency ?? context.settings().currency };
}

export function openTill(context: PaymentContext, input: { operatorId: string; floatMinor: number }): TillSession {
  try {
    return tillSessionView(context.journal.openTill({ ...input, currency: context.settings().currency }));
  } catch (error) {
    throw asTerminalError(error);
  }
}

export interface CloseRequest {
  operatorId: string;
  countedMinor: number;
  approval: ManagerApproval;
  acceptDifferences?: boolean | undefined;
}

export function closeTill(deps: TillDeps, request: CloseRequest): Promise<TillCloseResult> {
  const { context } = deps;
  return exclusively(context, 'till', async () => {
    const { journal } = context;
    const session = journal.openTillSession();
    if (!session) throw refusal('WRONG_STATE', 'till', 'the till is not open: there is nothing to close (the next payment opens a new session)');
    const managerId = await deps.approve({ approval: request.approval, operatorId: request.operatorId, action: 'close-till', subject: `till-${session.id}` });
    for (let attempt = 1; ; attempt++) {
      const attempts = journal.tillSessionAttempts(session.id);
      const inDoubt = attempts.filter((row) => row.status === 'pending' || row.status === 'unknown');
      if (inDoubt.length > 0) {
        throw refusal('WRONG_STATE', 'till', `${inDoubt.length} payment${inDoubt.length === 1 ? ' is' : 's are'} still in doubt: recovery must resolve ${inDoubt.length === 1 ? 'it' : 'them'} before the close`);
      }
      const toMs = context.clock().getTime();
      const records = await deps.search(session.openedAtMs - searchMarginMs, toMs + searchMarginMs);
      const undone = new Set(
        attempts
          .filter((row) => row.status === 'resolved' || row.status === 'failed' || row.status === 'declined' || row.status === 'invalid')
          .filter((row) => journal.history(ownerOf(row)).some((child) => child.parentTransactionId === row.transactionId && child.kind.startsWith('timeout-') && child.status === 'approved'))
          .map((row) => row.transactionId),
      );
      const reconciliation = reconcile({
        attempts,
        undone,
        records,
        elsewhere: (transactionId) => {
          const found = journal.attempt(transactionId);
          return found && !attempts.some((row) => row.transactionId === transactionId) ? found : undefined;
        },
        fromMs: session.openedAtMs,
        toMs,
      });
      if (reconciliation.differences.length > 0 && !request.acceptDifferences) {
        return { kind: 'differences', cash: cashCount(journal.tillCash(session.id), request.countedMinor), reconciliation };
      }
      try {
        const row = journal.closeTill({
          sessionId: session.id,
          operatorId: request.operatorId,
          managerId,
          countedMinor: request.countedMinor,
          lastAttemptId: attempts.at(-1)?.id ?? 0,
          report: (number, cash, closedAtMs): ZReport => {
            const { storeName, terminalId } = context.settings();
            return {
              number,
              sessionId: session.id,
              storeName,
              terminalId,
              currency: session.currency,
              openedAt: new Date(session.openedAtMs).toISOString(),
              openedBy: session.openedBy,
              implicitOpen: session.implicit,
              closedAt: new Date(closedAtMs).toISOString(),
              closedBy: request.operatorId,
              approvedBy: managerId,
              // The day report's definitions over the session's own rows.
              books: booksOf(journal.tillBookRows(session.id)),
              cash: cashCount(cash, request.countedMinor),
              reconciliation,
            };
          },
        });
        context.logger.log('info', 'till closed', { zNumber: row.number, session: session.id, differences: reconciliation.differences.length, managerId });
        return { kind: 'closed', report: ZReportSchema.parse(JSON.parse(row.reportJson)) };
      } catch (error) {
        const movedMeanwhile = error instanceof JournalError && error.code === 'WRONG_STATE' && attempt < closeTries && journal.openTillSession()?.id === session.id;
        if (!movedMeanwhile) throw asTerminalError(error);
      }
    }
  });
}

function cashCount(cash: TillCash, countedMinor: number) {
  return { ...cash, countedMinor, varianceMinor: countedMinor - cash.expectedMinor };
}

export interface OrphanRequest {
  operatorId: string;
  transactionId: string;
  approval: ManagerApproval;
}

/**
 * Undoes an approval the gateway has for an attempt the journal does not have as approved. Refused
 * (before any PIN is asked) for an attempt the journal has approved, still in doubt, or undone already.
 */
export async function undoOrphan(deps: TillDeps, request: OrphanRequest): Promise<OrphanUndo> {
  const { context } = deps;
  const row = context.journal.attempt(request.transactionId);
  if (!row) throw refusal('NOT_FOUND', 'transactionId', `no attempt ${request.transactionId} in this journal: look it up in the Business Center`);
  if (row.status === 'approved' || row.status === 'partially-approved') throw refusal('WRONG_STATE', 'transactionId', `${row.kind} ${row.transactionId} is approved in the journal: void or refund it instead`);
  if (row.status === 'pending' || row.status === 'unknown') throw refusal('WRONG_STATE', 'transactionId', `${row.kind} ${row.transactionId} is in doubt: recovery resolves it`);
  const kind = undoKindOf(row.kind);
  if (!kind) throw refusal('WRONG_STATE', 'transactionId', `a ${row.kind} is not undone by its transactionId: look it up in the Business Center`);
  const undone = context.journal.history(ownerOf(row)).some((child) => child.parentTransactionId === row.transactionId && child.kind === kind && child.status === 'approved');
  if (undone) throw refusal('WRONG_STATE', 'transactionId', `${row.kind} ${row.transactionId} was undone already`);
  const managerId = await deps.approve({ approval: request.approval, operatorId: request.operatorId, action: 'undo-orphan', subject: row.transactionId });
  const { verdict } = await sendTimeoutUndo(context, row, kind, { operatorId: request.operatorId, managerId });
  context.logger.log('info', 'gateway-only approval undone', { transactionId: row.transactionId, kind, result: verdict.result, managerId });
  return { transactionId: row.transactionId, result: verdict.result, message: verdict.message };
}

export function zReport(context: PaymentContext, number: number): ZReport {
  const row = context.journal.zReport(number);
  if (!row) throw refusal('NOT_FOUND', 'number', `no Z report #${number}`);
  return ZReportSchema.parse(JSON.parse(row.reportJson));
}

export function zReportSummaries(context: PaymentContext): ZReportSummary[] {
  return context.journal.zReports().map((row) => {
    const report = ZReportSchema.parse(JSON.parse(row.reportJson));
    return {
      number: report.number,
      sessionId: report.sessionId,
      currency: report.currency,
      openedAt: report.openedAt,
      closedAt: report.closedAt,
      approvedBy: report.approvedBy,
      netMinor: report.books.currencies.find((books) => books.currency === report.currency)?.netMinor ?? 0,
      varianceMinor: report.cash.varianceMinor,
      differences: report.reconciliation.differences.length,
    };
  });
}
