/**
 * A manager voids a same-day capture: the first manager is created in Settings, a tab is checked
 * out (one capture), and on the Void screen a wrong PIN is refused before the right one voids it.
 */
import type { Page } from '@playwright/test';
import { createFirstManager, screenshots, typeManagerCredentials } from './payment-helpers';
import { expect, test } from './terminal-fixture';



/** Opens a one-night tab on a keyed Visa and checks it out: one capture of the room. */
async function checkedOutTab(page: Page): Promise<void> {
  await page.keyboard.press('Alt+T');
  await page.getByRole('button', { name: 'Open a new tab' }).press('Enter');
  await page.keyboard.type('Grace Hopper');
  await page.keyboard.press('Tab');
  await page.keyboard.type('7');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('120.00');
  const keyed = page.getByRole('form', { name: 'Keyed entry' });
  await keyed.getByLabel('Card number').fill('4111 1111 1111 1111');
  await keyed.getByLabel('Expiry month (MM)').fill('12');
  await keyed.getByLabel('Expiry year (YY or YYYY)').fill('2031');
  await keyed.getByLabel('Security code (CVN)').press('Enter');
  await expect(page.getByRole('button', { name: 'Open tab and hold $120.00' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Check out… ($120.00)' }).press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Checked out: $120.00 captured' })).toBeVisible();
}

test('a manager voids a same-day capture: a wrong PIN first, then the right one', async ({ page, terminal, consoleErrors }) => {
  await page.goto(terminal.url);
  await createFirstManager(page, 'mgr1', '2468');
  await screenshots(page, 'settings-managers');
  await checkedOutTab(page);

  await page.keyboard.press('Alt+V');
  await expect(page.getByRole('heading', { level: 1, name: 'Void' })).toBeFocused();
  await expect(page.getByText('1 of 1 shown')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Find by reference, card, approval code or amount')).toBeFocused();
  await page.keyboard.type('999.99');
  await expect(page.getByText('0 of 1 shown')).toBeVisible();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('120.00');
  await expect(page.getByText('1 of 1 shown')).toBeVisible();
  await screenshots(page, 'void-list');

  await page.keyboard.press('Tab');
  const voidButton = page.getByRole('button', { name: 'Void $120.00 capture on visa •••• 1111' });
  await expect(voidButton).toBeFocused();
  await page.keyboard.press('Enter');

  const confirm = page.getByRole('region', { name: 'Confirm the void' });
  await expect(confirm).toContainText('$120.00');
  await expect(confirm).toContainText('visa •••• 1111');
  await expect(confirm.getByLabel(/Also release the authorization hold/)).toBeChecked();
  const managerId = confirm.getByLabel('Manager id');
  const pin = confirm.getByLabel('Manager PIN');
  await expect(managerId).toBeFocused();
  await expect(pin).toHaveAttribute('type', 'password');

  // Escape cancels the step, and Enter on the same row brings it back.
  await page.keyboard.press('Escape');
  await expect(voidButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(managerId).toBeFocused();

  await typeManagerCredentials(page, 'mgr1', '1111');
  await page.keyboard.press('Enter');
  await expect(confirm.getByRole('alert')).toHaveText(/Not approved: wrong PIN or unknown manager mgr1; 4 tries left before a lockout/);
  await expect(pin).toHaveValue('');
  await expect(pin).toBeFocused();
  await expect(pin).toHaveAttribute('aria-invalid', 'true');
  await screenshots(page, 'void-wrong-pin');

  await page.keyboard.type('2468');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Voided $120.00 on visa •••• 1111' })).toContainText('The authorization hold was released.');
  await expect(page.getByText('Nothing to void today.')).toBeVisible();
  await screenshots(page, 'void-done');
  expect(await page.content()).not.toContain('2468');
  expect(consoleErrors).toEqual([]);
});
