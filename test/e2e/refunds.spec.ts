/**
 * Refunds as a manager does them: today's sale found in the History by its last 4, refunded in
 * part with a manager's PIN, then the rest, then a third refund refused with 0.00 left; and a
 * refund to a card without the original sale (a credit).
 */
import type { Page } from '@playwright/test';
import { createFirstManager, presentTestCard, screenshots, typeAmount } from './payment-helpers';
import { expect, test } from './terminal-fixture';

/** Rings a sale on the Sale screen with a swiped test card, and starts the next one. */
async function ringSale(page: Page, digits: string, shown: string, card: string): Promise<void> {
  await page.keyboard.press('Alt+S');
  await typeAmount(page, digits);
  await presentTestCard(page, card, 'Swipe');
  await expect(page.getByRole('button', { name: `Charge ${shown}` })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: /Approved/ }).getByRole('heading')).toHaveText(`✓ Approved: ${shown}`);
  await page.getByRole('button', { name: 'New sale' }).press('Enter');
}

/** Types the manager's id and PIN in the approval form that has focus, and submits. */
async function approveAs(page: Page, managerId: string, pin: string): Promise<void> {
  await expect(page.getByLabel('Manager id')).toBeFocused();
  await page.keyboard.type(managerId);
  await page.keyboard.press('Tab');
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
}

/** From the transaction's detail: Refund…, the amount (replacing the prefilled rest), Continue. */
async function refundAmount(page: Page, amount?: string): Promise<void> {
  await page.getByRole('button', { name: 'Refund…', exact: true }).press('Enter');
  const field = page.getByLabel(/^Amount to refund \(at most/);
  await expect(field).toBeFocused();
  if (amount !== undefined) await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
}

test("today's sale found by last 4, refunded in part, then the rest, then refused with 0.00 left", async ({ page, terminal }) => {
  await page.goto(terminal.url);
  await createFirstManager(page, 'mgr1', '2468');
  await ringSale(page, '2500', '$25.00', 'Visa •••• 1111');
  await ringSale(page, '1234', '$12.34', 'Mastercard •••• 4444');

  await page.keyboard.press('Alt+H');
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeFocused();
  await expect(page.getByText(/^2 transactions on business day \d{4}-\d{2}-\d{2}/)).toBeVisible();
  await screenshots(page, 'history-today');

  await page.getByLabel('Card last 4').focus();
  await page.keyboard.type('1111');
  await page.keyboard.press('Enter');
  await expect(page.getByText(/^1 transaction on business day/)).toBeVisible();
  const row = page.getByRole('button', { name: /^Open sale of \$25\.00 on visa •••• 1111/ });
  await row.focus();
  await page.keyboard.press('Enter');

  const detail = page.getByRole('region', { name: 'Sale of $25.00' });
  await expect(page.getByRole('heading', { name: 'Sale of $25.00' })).toBeFocused();
  await expect(detail.getByTestId('history-refundable')).toHaveText('$25.00');
  await expect(detail).toContainText('The batch has not settled: refunding the whole amount voids it instead.');
  await screenshots(page, 'history-detail');

  await refundAmount(page, '10.00');
  await expect(detail.getByRole('heading', { name: 'Manager approval: refund $10.00 to visa •••• 1111' })).toBeVisible();
  await approveAs(page, 'mgr1', '2468');
  await expect(detail.getByRole('status').filter({ hasText: 'Refunded $10.00 to the card. $15.00 is left to refund.' })).toBeFocused();
  await expect(detail.getByTestId('history-refundable')).toHaveText('$15.00');
  await screenshots(page, 'history-partial-refund');

  await refundAmount(page);
  await approveAs(page, 'mgr1', '2468');
  await expect(detail.getByRole('status').filter({ hasText: 'Refunded $15.00 to the card. $0.00 is left to refund.' })).toBeVisible();
  await expect(detail.getByRole('table', { name: 'What happened to it' })).toContainText('$10.00');
  await expect(detail.getByRole('table', { name: 'What happened to it' })).toContainText('$15.00');

  await refundAmount(page, '1.00');
  await approveAs(page, 'mgr1', '2468');
  await expect(detail.getByRole('alert')).toHaveText(/nothing left to refund on this sale: 0\.00 of 25\.00 is left to refund/);
  await screenshots(page, 'history-refund-refused');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Reprint receipt' }).press('Enter');
  const copy = page.getByRole('article', { name: 'Receipt copy' });
  await expect(copy).toContainText('*** COPY ***');
  await expect(copy).toContainText('$25.00');
  await screenshots(page, 'history-receipt-copy');

  await page.keyboard.press('Escape');
  await expect(row).toBeFocused();
  await expect(page.getByRole('row').filter({ has: row })).toContainText('$25.00 refunded');
  expect(await page.content()).not.toContain('2468');
});

test('a refund without the original sale goes to the presented card as a credit', async ({ page, terminal }) => {
  await page.goto(terminal.url);
  await createFirstManager(page, 'mgr1', '2468');
  await page.keyboard.press('Alt+H');
  await page.getByRole('button', { name: 'Refund without a sale…' }).press('Enter');
  await expect(page.getByLabel('Amount to refund (USD)')).toBeFocused();
  await page.keyboard.type('7.50');
  await page.keyboard.press('Enter');

  await expect(page.getByText('Refund $7.50 to:')).toBeVisible();
  await presentTestCard(page, 'Mastercard •••• 4444', 'Swipe');
  await expect(page.getByRole('button', { name: 'Continue to approval' })).toBeFocused();
  await screenshots(page, 'history-credit-card');
  // Escape puts the card back: another card is presented instead.
  await page.keyboard.press('Escape');
  await presentTestCard(page, 'Mastercard •••• 4444', 'Swipe');
  await expect(page.getByRole('button', { name: 'Continue to approval' })).toBeFocused();
  await page.keyboard.press('Enter');
  await approveAs(page, 'mgr1', '2468');

  await expect(page.getByRole('status').filter({ hasText: 'Refunded $7.50 to mastercard •••• 4444 without the original sale.' })).toBeFocused();
  const receipt = page.getByRole('article', { name: 'Receipt' });
  await expect(receipt).toContainText('Refund (credit)');
  await expect(receipt).toContainText('REFUNDED TO CARD');
  await page.getByRole('button', { name: 'Search' }).press('Enter');
  await expect(page.getByRole('table', { name: 'Transactions found' })).toContainText('Refund without sale (credit)');
  await screenshots(page, 'history-credit-done');
  expect(await page.content()).not.toContain('5555555555554444');
});
