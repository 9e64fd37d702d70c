import type { Page } from '@playwright/test';
import { presentTestCard, screenshots, typeAmount } from './payment-helpers';
import { expect, test, type RunningTerminal } from './terminal-fixture';

/** A 100.00 sale on the 60.00 prepaid card: partly approved, it continues on the Split tender screen. */
async function partialSale(page: Page, terminal: RunningTerminal) {
  await page.goto(terminal.url);
  await typeAmount(page, '10000');
  await presentTestCard(page, 'Discover prepaid (balance 60.00) •••• 0008', 'Insert');
  await expect(page.getByRole('button', { name: 'Charge $100.00' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Split tender' })).toBeFocused();
}

const summary = (page: Page) => page.getByRole('region', { name: 'Split tender summary' });
const term = (page: Page, name: string) => summary(page).locator('dt', { hasText: name }).locator('+ dd');

test('split tender: 100.00 as a 60.00 partial on the prepaid card and 40.00 on a second card', async ({ page, terminal }) => {
  await partialSale(page, terminal);
  await expect(page.getByRole('status').filter({ hasText: 'covered only part of the sale' })).toBeVisible();
  await expect(term(page, 'Sale total')).toHaveText('$100.00');
  await expect(term(page, 'Paid')).toHaveText('$60.00');
  await expect(term(page, 'Balance due')).toHaveText('$40.00');
  await expect(page.getByRole('timer')).toHaveText(/^(10:00|9:\d\d)$/);
  const tenders = page.getByRole('table', { name: 'Tenders' });
  await expect(tenders.getByRole('row').nth(1)).toContainText('discover •••• 0008');
  await expect(tenders.getByRole('row').nth(1)).toContainText('$60.00');
  await screenshots(page, 'split-partial');

  // The session lives in main: it is still there after a reload.
  await page.reload();
  await page.keyboard.press('Alt+L');
  await expect(term(page, 'Balance due')).toHaveText('$40.00');

  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Add card' })).toBeFocused();
  await page.keyboard.press('Enter');
  const amount = page.getByLabel('Amount on the next card (USD)');
  await expect(amount).toBeFocused();
  await expect(amount).toHaveValue('$40.00');
  // More than the balance is refused with the reason.
  await page.keyboard.type('1');
  await expect(page.getByRole('alert')).toHaveText('$400.01 is over the balance due ($40.00).');
  await screenshots(page, 'split-card-amount');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Next card: $40.00' })).toBeVisible();
  await screenshots(page, 'split-card');
  await presentTestCard(page, 'Visa •••• 1111', 'Tap');
  await expect(page.getByRole('button', { name: 'Charge $40.00' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: '✓ Paid in full' })).toBeVisible();
  await expect(term(page, 'Balance due')).toHaveText('$0.00');
  await expect(term(page, 'Paid')).toHaveText('$100.00');
  await expect(tenders.getByRole('row')).toHaveCount(3);
  await expect(tenders.getByRole('cell', { name: 'Captured' })).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'New sale' })).toBeFocused();
  await screenshots(page, 'split-completed');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Sale' })).toBeVisible();
});

test('split tender cancelled after cash: the card partial is reversed and the cash handed back', async ({ page, terminal }) => {
  await partialSale(page, terminal);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Add cash' })).toBeFocused();
  await page.keyboard.press('Enter');
  const cash = page.getByLabel('Cash taken (USD)');
  await expect(cash).toBeFocused();
  await page.keyboard.press('Delete');
  await page.keyboard.type('1000');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Cash recorded.' })).toBeVisible();
  await expect(term(page, 'Balance due')).toHaveText('$30.00');

  await page.getByRole('button', { name: 'Cancel split tender…' }).press('Enter');
  const confirm = page.getByRole('alertdialog', { name: 'Cancel this split tender?' });
  await expect(confirm).toContainText('$60.00 on discover •••• 0008');
  await expect(confirm).toContainText('Hand back $10.00 in cash.');
  await expect(confirm.getByRole('button', { name: /Keep paying/ })).toBeFocused();
  await screenshots(page, 'split-confirm-cancel');
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();

  await page.getByRole('button', { name: 'Cancel split tender…' }).press('Enter');
  await expect(confirm.getByRole('button', { name: /Keep paying/ })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(confirm.getByRole('button', { name: 'Cancel and reverse payments' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '✕ Split tender cancelled' })).toBeVisible();
  await expect(page.getByText('Give the customer back $10.00 in cash.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Tenders' }).getByRole('cell', { name: 'Reversed' })).toHaveCount(1);
  await screenshots(page, 'split-cancelled');
});
