/** Orders: a sale, a pre-authorization, a voice-authorized forced capture or a credit. */
import type { JournalContext } from './journal-context';
import { orderKinds, type NewOrder, type OrderRow } from './records';
import { checkAmount, checkCurrency, checkId, checkOneOf } from './value-checks';

const orderSelect = `
  SELECT id, kind, state, currency, amount_minor AS amountMinor, authorized_minor AS authorizedMinor,
    captured_minor AS capturedMinor, refunded_minor AS refundedMinor, operator_id AS operatorId,
    created_at AS createdAtMs, updated_at AS updatedAtMs
  FROM orders`;

export const openPreAuthsSql = `${orderSelect} WHERE kind = 'pre-auth' AND state = 'authorized' ORDER BY created_at`;

export function orderRecords(ctx: JournalContext) {
  const order = (id: string): OrderRow | undefined => ctx.one<OrderRow>(`${orderSelect} WHERE id = ?`, id);
  return {
    /** A new order in state `open`, before its first attempt is recorded. */
    openOrder(input: NewOrder): OrderRow {
      checkId('order id', input.id);
      checkOneOf('order kind', input.kind, orderKinds);
      checkAmount('amountMinor', input.amountMinor);
      checkCurrency(input.currency);
      checkId('operatorId', input.operatorId, 64);
      return ctx.write(`order ${input.id}`, () => {
        const now = ctx.now();
        ctx.run(
          `INSERT INTO orders (id, kind, currency, amount_minor, operator_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          input.id, input.kind, input.currency, input.amountMinor, input.operatorId, now, now,
        );
        return order(input.id) as OrderRow;
      });
    },

    order,

    /** Authorized pre-auths still to capture or release, oldest first (the screen colours them at 25 and 30 days). */
    openPreAuths(): OrderRow[] {
      return ctx.all<OrderRow>(openPreAuthsSql);
    },
  };
}
