/**
 * A sale approved offline while the sandbox refuses connections: the banner counts it, the
 * Offline and Day screens list it with its amount, and when the gateway is back the forwarder
 * drains the queue and the screens say so.
 */
import type { Page } from '@playwright/test';
import { presentTestCard, screenshots, typeAmount } from './payment-helpers';
import { expect, test } from './terminal-fixture';

async function setFault(page: Page, kind: 'refuse' | 'none'): Promise<void> {
  await page.keyboard.press('Alt+G');
  await page.getByLabel('Sandbox behaviour').selectOption(kind);
  await page.getByRole('button', { name: 'Apply fault' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Sandbox fault in effect' })).toContainText(kind === 'none' ? 'None' : 'Gateway down');
}

async function tappedSale(page: Page, digits: string, amount: string): Promise<void> {
  await page.keyboard.press('Alt+S');
  await expect(page.getByRole('heading', { level: 1, name: 'Sale' })).toBeFocused();
  await typeAmount(page, digits);
  await presentTestCard(page, 'Visa •••• 1111', 'Tap');
  const charge = page.getByRole('button', { name: `Charge ${amount}` });
  await expect(charge).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: /Approved/ }).getByRole('heading')).toHaveText(`✓ Approved: ${amount}`);
}

test('an offline sale during an injected outage is listed on the Offline and Day screens, then the queue drains', async ({ page, terminal, consoleErrors }) => {
  await page.goto(terminal.url);
  // One sale online first, so the day has totals.
  await tappedSale(page, '1234', '$12.34');
  await page.getByRole('button', { name: 'New sale' }).press('Enter');

  await setFault(page, 'refuse');
  await tappedSale(page, '1500', '$15.00');
  const banner = page.getByRole('status', { name: 'Gateway status' });
  await expect(banner).toContainText('1 sale waiting to be forwarded (15.00 USD)');
  await page.getByRole('button', { name: 'View receipt' }).press('Enter');
  await expect(page.getByRole('article', { name: 'Receipt' })).toContainText('$15.00');
  await expect(page.getByRole('article', { name: 'Receipt' })).toContainText('Approved offline');
  await screenshots(page, 'offline-sale-receipt');

  await page.keyboard.press('Alt+O');
  await expect(page.getByRole('heading', { level: 1, name: 'Offline queue' })).toBeFocused();
  await expect(page.getByRole('status', { name: 'Gateway reachability' })).not.toContainText('Online');
  const queue = page.getByRole('table', { name: /Waiting to be forwarded/ });
  await expect(queue.getByRole('row')).toHaveCount(2);
  await expect(queue).toContainText('$15.00');
  await expect(queue).toContainText('visa •••• 1111');
  await expect(queue).toContainText('On time');
  await expect(page.getByText('No declines are waiting for a manager.')).toBeVisible();
  await screenshots(page, 'offline-queue');

  // The day while the gateway is down: takings the gateway has, the offline sale listed as pending.
  await page.keyboard.press('Alt+D');
  await expect(page.getByRole('heading', { level: 1, name: 'Day' })).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Net takings USD: $12.34' })).toBeVisible();
  const byBrand = page.getByRole('table', { name: 'Card takings by brand' });
  await expect(byBrand.getByRole('row', { name: /visa 1 \$12\.34/ })).toBeVisible();
  const pending = page.getByRole('table', { name: 'Offline sales pending' });
  await expect(pending).toContainText('$15.00');
  await expect(page.getByText('Pending total: $15.00 (1)')).toBeVisible();
  await screenshots(page, 'day-pending-offline');

  // The gateway comes back: the forwarder sends the sale, the banner and the queue empty.
  await setFault(page, 'none');
  await page.keyboard.press('Alt+O');
  await expect(page.getByText('No offline sales are waiting to be forwarded.')).toBeVisible({ timeout: 30_000 });
  await expect(banner).toBeHidden({ timeout: 15_000 });
  await screenshots(page, 'offline-queue-drained');

  await page.keyboard.press('Alt+D');
  await expect(page.getByText('None: every offline sale has been forwarded.')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('the Day screen shows the day\'s takings while the gateway is down, without the sale declined offline', async ({ page, terminal, consoleErrors }) => {
  await page.goto(terminal.url);
  await tappedSale(page, '1234', '$12.34');
  await page.getByRole('button', { name: 'New sale' }).press('Enter');
  await setFault(page, 'refuse');
  // A sale over the offline limit is declined offline with the reason, and is not in the day's takings.
  await page.keyboard.press('Alt+S');
  await typeAmount(page, '15000');
  await presentTestCard(page, 'Visa •••• 1111', 'Tap');
  await expect(page.getByRole('button', { name: 'Charge $150.00' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: /Declined/ })).toContainText('cannot be approved offline');
  await expect(page.getByRole('status', { name: 'Gateway status' })).toContainText('Gateway');

  await page.keyboard.press('Alt+D');
  await expect(page.getByRole('heading', { level: 1, name: 'Day' })).toBeFocused();
  // Net takings first, then where they came from.
  await expect(page.getByRole('heading', { name: 'Net takings USD: $12.34' })).toBeVisible();
  await expect(page.getByText('Card $12.34 + cash $0.00')).toBeVisible();
  const byBrand = page.getByRole('table', { name: 'Card takings by brand' });
  await expect(byBrand.getByRole('row', { name: /visa 1 \$12\.34 \$0\.00 \$12\.34/ })).toBeVisible();
  await expect(byBrand.getByRole('row', { name: /Total 1 \$12\.34/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Card takings by kind' }).getByRole('row', { name: /Sales 1 \$12\.34/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Offline sales pending \(0\)/ })).toBeVisible();
  await screenshots(page, 'day-today');

  await page.keyboard.press('Alt+O');
  await expect(page.getByRole('heading', { level: 1, name: 'Offline queue' })).toBeFocused();
  await expect(page.getByText('No offline sales are waiting to be forwarded.')).toBeVisible();
  await expect(page.getByText('No declines are waiting for a manager.')).toBeVisible();
  await screenshots(page, 'offline-queue-empty');
  expect(consoleErrors).toEqual([]);
});
