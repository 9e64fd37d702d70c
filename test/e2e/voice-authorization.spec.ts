/**
 * A sale the issuer declines with "call the issuer" (the sandbox's .30 trigger), then the voice
 * authorization: the code the issuer gave on the phone and a manager's PIN record a forced capture,
 * and the receipt says it was voice authorized.
 */
import { createFirstManager, presentTestCard, ringSale, screenshots, typeAmount, typeManagerCredentials } from './payment-helpers';
import { expect, test } from './terminal-fixture';

test('a "call the issuer" decline becomes a voice-authorized forced capture with the verbal code and a manager PIN', async ({ page, terminal, consoleErrors }) => {
  await page.goto(terminal.url);
  await createFirstManager(page, 'mgr1', '2468');

  await ringSale(page, '100030', '$1,000.30', 'Visa •••• 1111', 'Swipe');
  const declined = page.getByRole('region', { name: /Call the issuer/ });
  await expect(declined.getByRole('heading')).toHaveText('Call the issuer: $1,000.30');
  await expect(declined).toContainText(/call the issuer/i);

  // The Voice auth screen from the menu starts from the amount (declines.spec.ts takes the carried-over way).
  await page.keyboard.press('Alt+U');
  await expect(page.getByRole('heading', { level: 1, name: 'Voice authorization' })).toBeFocused();
  await screenshots(page, 'voice-amount');
  await typeAmount(page, '100030');
  await expect(page.getByRole('heading', { name: 'Voice authorization of $1,000.30' })).toBeVisible();
  await presentTestCard(page, 'Visa •••• 1111', 'Swipe');

  const code = page.getByLabel("Approval code from the issuer's call");
  await expect(code).toBeFocused();
  await page.keyboard.type('vx7q2z');
  await expect(code).toHaveValue('VX7Q2Z');
  await page.keyboard.press('Enter');
  const approval = page.getByRole('form', { name: /Manager approval: voice authorization of \$1,000\.30/ });
  await expect(approval.getByLabel('Manager id')).toBeFocused();
  await typeManagerCredentials(page, 'mgr1', '2468');
  await screenshots(page, 'voice-code-approval');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: '✓ Voice authorized: $1,000.30' })).toBeVisible();
  const receipt = page.getByRole('article', { name: 'Receipt' });
  await expect(receipt).toContainText('$1,000.30');
  await expect(receipt).toContainText('Voice authorized — code VX7Q2Z');
  await expect(page.getByRole('button', { name: 'Print receipt' })).toBeFocused();
  expect(await page.content()).not.toContain('4111111111111111');
  await screenshots(page, 'voice-receipt');

  // The day counts it as voice authorized.
  await page.keyboard.press('Alt+D');
  await expect(page.getByRole('table', { name: 'Card takings by kind' }).getByRole('row', { name: /Voice authorized 1 \$1,000\.30/ })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
