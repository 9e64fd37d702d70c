/**
 * What every endpoint handler works with: the ledger, the token vault and the clock; and what
 * it returns: an HTTP status with the gateway's JSON body.
 */
import type { TokenVault } from './token-vault';
import type { TransactionLedger } from './transaction-ledger';

export interface SandboxContext {
  ledger: TransactionLedger;
  vault: TokenVault;
  now: () => Date;
}

export interface Reply {
  status: number;
  body: unknown;
}

export interface RouteRequest {
  /** The parsed JSON body (`undefined` for GET). */
  body: unknown;
  /** Path parameters, e.g. `{ id }`. */
  params: Readonly<Record<string, string>>;
}

export type RouteHandler = (request: RouteRequest, context: SandboxContext) => Reply;
