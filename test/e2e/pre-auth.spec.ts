import type { Page } from '@playwright/test';
import { presentTestCard, screenshots, typeAmount } from './payment-helpers';
import { expect, test } from './terminal-fixture';

/** From the holds list: New hold → amount → test card → Place hold, all by keyboard. */
async function placeHold(page: Page, digits: string, amount: string, card: string) {
  await expect(page.getByRole('button', { name: 'New hold' })).toBeVisible();
  await page.getByRole('button', { name: 'New hold' }).focus();
  await page.keyboard.press('Enter');
  await typeAmount(page, digits);
  await expect(page.getByRole('heading', { name: `Hold of ${amount}` })).toBeVisible();
  await presentTestCard(page, card, 'Insert');
  const place = page.getByRole('button', { name: `Place hold of ${amount}` });
  await expect(place).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `✓ Hold placed: ${amount}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Back to holds' })).toBeFocused();
}

test('pre-auth: a hold placed and captured at its final amount, another released', async ({ page, terminal }) => {
  await page.goto(terminal.url);
  await page.keyboard.press('Alt+A');
  await expect(page.getByRole('heading', { level: 1, name: 'Pre-auth' })).toBeFocused();
  await expect(page.getByText('No open holds.')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'New hold' })).toBeFocused();

  await placeHold(page, '15000', '$150.00', 'Visa •••• 1111');
  await screenshots(page, 'preauth-held');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'New hold' })).toBeFocused();
  await placeHold(page, '8000', '$80.00', 'Mastercard •••• 4444');
  await page.keyboard.press('Enter');

  const holds = page.getByRole('table', { name: 'Open holds' });
  await expect(holds.getByRole('row')).toHaveCount(3);
  await expect(holds).toContainText('Today');
  await screenshots(page, 'preauth-list');

  // Capture the first at 142.50.
  await expect(page.getByRole('button', { name: 'New hold' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(holds.getByRole('button', { name: /^Capture .*\$150\.00 on visa •••• 1111$/ })).toBeFocused();
  await page.keyboard.press('Enter');
  const final = page.getByLabel('Final amount (USD)');
  await expect(final).toBeFocused();
  await expect(final).toHaveValue('$150.00');
  await page.keyboard.press('Delete');
  await page.keyboard.type('14250');
  await screenshots(page, 'preauth-capture');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '✓ Captured: $142.50' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Receipt' })).toContainText('visa •••• 1111');
  await screenshots(page, 'preauth-captured');
  await expect(page.getByRole('button', { name: 'Back to holds' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(holds.getByRole('row')).toHaveCount(2);

  // Release the other: the confirmation names it, Escape keeps it, Release lets it go.
  const release = holds.getByRole('button', { name: /^Release .*\$80\.00 on mastercard •••• 4444$/ });
  await release.focus();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog', { name: 'Release this hold?' });
  await expect(confirm).toContainText('$80.00 held on mastercard •••• 4444');
  await expect(confirm.getByRole('button', { name: /Keep hold/ })).toBeFocused();
  await screenshots(page, 'preauth-confirm-release');
  await page.keyboard.press('Escape');
  await expect(holds.getByRole('row')).toHaveCount(2);
  await release.focus();
  await page.keyboard.press('Enter');
  await expect(confirm.getByRole('button', { name: /Keep hold/ })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(confirm.getByRole('button', { name: 'Release hold' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '✓ Released: $80.00 on mastercard •••• 4444' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByText('No open holds.')).toBeVisible();
});
