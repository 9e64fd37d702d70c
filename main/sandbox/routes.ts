/**
 * The sandbox's endpoints: method + path pattern → handler.
 */
import { createPayment } from './authorization';
import { capturePayment } from './captures';
import { createCredit } from './credits';
import { incrementAuthorization } from './incremental-authorization';
import { refundCapture, refundPayment } from './refunds';
import { reverseAuthorization, timeoutReversal } from './reversals';
import type { RouteHandler } from './sandbox-context';
import { transactionSearch } from './transaction-search';
import { transactionView } from './transaction-view';
import { timeoutVoid, voidCapture, voidCredit, voidPayment, voidRefund } from './voids';

export interface Route {
  method: 'GET' | 'POST' | 'PATCH';
  pattern: RegExp;
  handler: RouteHandler;
}

const id = '(?<id>[A-Za-z0-9_-]{1,64})';
const path = (text: string): RegExp => new RegExp(`^${text.replace('{id}', id)}/?$`);

export function sandboxRoutes(merchantId: string): Route[] {
  const view = transactionView(merchantId);
  const search = transactionSearch(merchantId);
  return [
    { method: 'POST', pattern: path('/pts/v2/payments'), handler: createPayment },
    { method: 'PATCH', pattern: path('/pts/v2/payments/{id}'), handler: incrementAuthorization },
    { method: 'POST', pattern: path('/pts/v2/payments/{id}/captures'), handler: capturePayment },
    { method: 'POST', pattern: path('/pts/v2/payments/{id}/reversals'), handler: reverseAuthorization },
    { method: 'POST', pattern: path('/pts/v2/payments/{id}/voids'), handler: voidPayment },
    { method: 'POST', pattern: path('/pts/v2/payments/{id}/refunds'), handler: refundPayment },
    { method: 'POST', pattern: path('/pts/v2/captures/{id}/voids'), handler: voidCapture },
    { method: 'POST', pattern: path('/pts/v2/captures/{id}/refunds'), handler: refundCapture },
    { method: 'POST', pattern: path('/pts/v2/refunds/{id}/voids'), handler: voidRefund },
    { method: 'POST', pattern: path('/pts/v2/credits/{id}/voids'), handler: voidCredit },
    { method: 'POST', pattern: path('/pts/v2/credits'), handler: createCredit },
    { method: 'POST', pattern: path('/pts/v2/reversals'), handler: timeoutReversal },
    { method: 'POST', pattern: path('/pts/v2/voids'), handler: timeoutVoid },
    { method: 'GET', pattern: path('/tss/v2/transactions/{id}'), handler: view },
    { method: 'POST', pattern: path('/tss/v2/searches'), handler: search.create },
    { method: 'GET', pattern: path('/tss/v2/searches/{id}'), handler: search.get },
    ...['payments', 'captures', 'refunds', 'credits', 'reversals', 'voids'].map(
      (resource): Route => ({ method: 'GET', pattern: path(`/pts/v2/${resource}/{id}`), handler: view }),
    ),
  ];
}

export function matchRoute(routes: readonly Route[], method: string, pathname: string): { route: Route; params: Record<string, string> } | 'method' | undefined {
  let pathMatched = false;
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    pathMatched = true;
    if (route.method === method) return { route, params: { ...match.groups } };
  }
  return pathMatched ? 'method' : undefined;
}
