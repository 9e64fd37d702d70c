/**
 * Idempotency keys, one per user action. A retry of the same action (after a lost connection or
 * an in-doubt answer) sends the same key again, so main answers with the first result and nothing
 * is charged twice; a new action (another card, another amount) takes a new key.
 */
export function newActionKey(): string {
  return crypto.randomUUID();
}

/**
 * Keys for actions named by what they do (e.g. `cash:SPLIT-1:4000`): asking again for the same
 * action returns the same key until `done()`, so retrying after a lost answer repeats the action
 * rather than doing it twice; a different action gets a new key.
 */
export function actionKeys() {
  let last: { action: string; key: string } | undefined;
  return {
    keyFor(action: string): string {
      if (last?.action !== action) last = { action, key: newActionKey() };
      return last.key;
    },
    done(): void {
      last = undefined;
    },
  };
}
