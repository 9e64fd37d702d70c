/**
 * The decline rules at the counter, keyboard only: a card the issuer declined as "will never
 * approve" comes back on a new sale, the screen names the day, and a manager lets it through with a
 * PIN; a "call the issuer" decline leads straight to a voice authorization with the amount and the
 * card carried over.
 */
import { createFirstManager, presentTestCard, ringSale, screenshots, typeAmount, typeManagerCredentials } from './payment-helpers';
import { expect, test } from './terminal-fixture';

test('a category 01 card on a new sale names the day it was declined, and a manager lets it through', async ({ page, terminal }) => {
  await page.goto(terminal.url);
  await createFirstManager(page, 'mgr1', '2468');

  await ringSale(page, '100001', '$1,000.01', 'Visa •••• 1111', 'Swipe');
  const declined = page.getByRole('region', { name: /Declined/ });
  await expect(declined).toContainText('01 — the issuer will never approve this card');
  await expect(page.getByRole('button', { name: 'Take another card' })).toBeFocused();

  // A new sale with the same card.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'New sale' })).toBeFocused();
  await page.keyboard.press('Enter');
  await typeAmount(page, '1250');
  await presentTestCard(page, 'Visa •••• 1111', 'Insert');
  await expect(page.getByRole('button', { name: 'Charge $12.50' })).toBeFocused();
  await page.keyboard.press('Enter');

  const held = page.getByRole('region', { name: /Card held back/ });
  await expect(held.getByRole('heading')).toHaveText('Card held back: $12.50');
  // The store's business day (training: this machine's time zone, cut-off at midnight), as the screen writes dates.
  const today = await page.evaluate(() => new Date().toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }));
  await expect(held).toContainText(`The issuer declined this card on ${today} as “will never approve”`);
  await expect(page.getByRole('button', { name: 'Take another card' })).toBeFocused();
  await screenshots(page, 'declines-card-held-back');

  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Manager override (PIN)' })).toBeFocused();
  await page.keyboard.press('Enter');
  const approval = page.getByRole('form', { name: /Manager approval: charge \$12\.50 on visa •••• 1111/ });
  await expect(approval.getByLabel('Manager id')).toBeFocused();
  await typeManagerCredentials(page, 'mgr1', '1357');
  await page.keyboard.press('Enter');
  await expect(approval.getByRole('alert')).toContainText('Not approved');
  await expect(approval.getByLabel('Manager PIN')).toBeFocused();
  await page.keyboard.type('2468');
  await screenshots(page, 'declines-manager-override');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: '✓ Approved: $12.50' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'View receipt' })).toBeFocused();
  await screenshots(page, 'declines-override-approved');
});

test('a "call the issuer" decline opens Voice authorization with the amount and the card carried over', async ({ page, terminal, consoleErrors }) => {
  await page.goto(terminal.url);
  await createFirstManager(page, 'mgr1', '2468');

  await ringSale(page, '100030', '$1,000.30', 'Visa •••• 1111', 'Swipe');
  const declined = page.getByRole('region', { name: /Call the issuer/ });
  await expect(declined.getByRole('heading')).toHaveText('Call the issuer: $1,000.30');
  await expect(page.getByRole('button', { name: 'Voice authorization' })).toBeFocused();
  await screenshots(page, 'declines-call-issuer');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Voice authorization' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Voice authorization of $1,000.30 on visa •••• 1111');
  await expect(page.getByText('the amount and the card are carried over')).toBeVisible();
  await page.keyboard.press('Tab');
  const code = page.getByLabel("Approval code from the issuer's call");
  await expect(code).toBeFocused();
  await page.keyboard.type('ok1030');
  await page.keyboard.press('Enter');
  const approval = page.getByRole('form', { name: /Manager approval: voice authorization of \$1,000\.30/ });
  await expect(approval.getByLabel('Manager id')).toBeFocused();
  await typeManagerCredentials(page, 'mgr1', '2468');
  await screenshots(page, 'declines-voice-prefilled');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: '✓ Voice authorized: $1,000.30' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Receipt' })).toContainText('Voice authorized — code OK1030');
  expect(await page.content()).not.toContain('4111111111111111');
  await screenshots(page, 'declines-voice-approved');
  expect(consoleErrors).toEqual([]);
});
