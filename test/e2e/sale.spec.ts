import { countCalls, presentTestCard, screenshots, typeAmount } from './payment-helpers';
import { expect, test } from './terminal-fixture';

test('a swiped sale is approved, shows its receipt and starts the next sale', async ({ page, terminal }) => {
  await page.goto(terminal.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Sale' })).toBeFocused();
  const amount = page.getByLabel('Sale amount (USD)');
  await expect(amount).toBeVisible();
  await page.keyboard.type('1234');
  await expect(amount).toBeFocused();
  await expect(amount).toHaveValue('$12.34');
  await screenshots(page, 'sale-amount');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Sale of $12.34' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Card' }).getByRole('status')).toContainText('Reader: Ready');
  await screenshots(page, 'sale-present-card');
  await presentTestCard(page, 'Visa •••• 1111', 'Swipe');

  const charge = page.getByRole('button', { name: 'Charge $12.34' });
  await expect(charge).toBeFocused();
  await expect(page.getByText('(swiped)')).toBeVisible();
  await page.keyboard.press('Enter');

  const result = page.getByRole('region', { name: /Approved/ });
  await expect(result.getByRole('heading')).toHaveText('✓ Approved: $12.34');
  await expect(result.getByText('Approval code')).toBeVisible();
  await expect(result).toContainText('visa •••• 1111');
  await expect(page.getByRole('button', { name: 'View receipt' })).toBeFocused();
  expect(await page.content()).not.toContain('4111111111111111');
  await screenshots(page, 'sale-approved');

  await page.keyboard.press('Enter');
  const receipt = page.getByRole('article', { name: 'Receipt' });
  await expect(receipt).toContainText('$12.34');
  await expect(receipt).toContainText('COUNTER1');
  await expect(page.getByRole('button', { name: 'Print receipt' })).toBeFocused();
  await screenshots(page, 'sale-receipt');

  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'New sale' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(amount).toBeFocused();
  await expect(amount).toHaveValue('$0.00');
});

test('declined sales say why and whether the card may be tried again', async ({ page, terminal }) => {
  await page.goto(terminal.url);
  await typeAmount(page, '100005');
  await presentTestCard(page, 'Visa •••• 1111', 'Insert');
  await expect(page.getByRole('button', { name: 'Charge $1,000.05' })).toBeFocused();
  await page.keyboard.press('Enter');

  const result = page.getByRole('region', { name: /Declined/ });
  await expect(result.getByRole('heading')).toHaveText('✕ Declined: $1,000.05');
  await expect(result.getByRole('definition').filter({ hasText: /^02$/ })).toBeVisible();
  await expect(result).toContainText('Yes: the customer may try this card again.');
  await expect(page.getByRole('button', { name: 'Try a card again' })).toBeFocused();
  await screenshots(page, 'sale-declined-retry');

  // Escape goes back to the card for the same amount.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Sale of $1,000.05' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Sale amount (USD)')).toHaveValue('$0.00');

  await typeAmount(page, '100001');
  await presentTestCard(page, 'Mastercard •••• 4444', 'Tap');
  await expect(page.getByRole('button', { name: 'Charge $1,000.01' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(result.getByRole('heading')).toHaveText('✕ Declined: $1,000.01');
  await expect(result).toContainText('No: do not retry this card. Ask for another card or payment.');
  await expect(page.getByRole('button', { name: 'Take another card' })).toBeFocused();
  await screenshots(page, 'sale-declined-no-retry');

  // The same card again for the same sale is refused before anything is sent, with no override.
  await page.keyboard.press('Enter');
  await presentTestCard(page, 'Mastercard •••• 4444', 'Swipe');
  await expect(page.getByRole('button', { name: 'Charge $1,000.01' })).toBeFocused();
  await page.keyboard.press('Enter');
  const held = page.getByRole('region', { name: /Card held back/ });
  await expect(held).toContainText('may not be tried again for it');
  await expect(held.getByRole('button', { name: 'Manager override (PIN)' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Take another card' })).toBeFocused();
  await screenshots(page, 'sale-card-barred');
});

test('a keyed sale is approved and the typed card leaves the page', async ({ page, terminal }) => {
  await page.goto(terminal.url);
  await typeAmount(page, '2500');
  await screenshots(page, 'sale-keyed-entry');
  const keyed = page.getByRole('form', { name: 'Keyed entry' });

  // A Luhn-invalid number is refused with the field marked, and the typed values are gone.
  await keyed.getByLabel('Card number').fill('4111 1111 1111 1112');
  await keyed.getByLabel('Expiry month (MM)').fill('12');
  await keyed.getByLabel('Expiry year (YY or YYYY)').fill('2031');
  await keyed.getByLabel('Security code (CVN)').fill('123');
  await keyed.getByLabel('Security code (CVN)').press('Enter');
  const pan = keyed.getByLabel('Card number');
  await expect(pan).toHaveAttribute('aria-invalid', 'true');
  await expect(pan).toBeFocused();
  await expect(pan).toHaveValue('');
  await expect(keyed.getByLabel('Security code (CVN)')).toHaveValue('');
  await screenshots(page, 'sale-keyed-error');

  await page.keyboard.type('4111 1111 1111 1111');
  await page.keyboard.press('Tab');
  await page.keyboard.type('12');
  await page.keyboard.press('Tab');
  await page.keyboard.type('31');
  await page.keyboard.press('Tab');
  await page.keyboard.type('123');
  await page.keyboard.press('Enter');

  const charge = page.getByRole('button', { name: 'Charge $25.00' });
  await expect(charge).toBeFocused();
  await expect(page.getByText('(keyed)')).toBeVisible();
  expect(await page.content()).not.toContain('4111 1111 1111 1111');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '✓ Approved: $25.00' })).toBeVisible();
  expect(await page.content()).not.toMatch(/4111\s*1111\s*1111\s*1111/);
});

test('the amount keypad refuses zero and more than the maximum, and says why', async ({ page, terminal }) => {
  await page.goto(terminal.url);
  const amount = page.getByLabel('Sale amount (USD)');
  await amount.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Enter an amount more than zero.');
  await expect(amount).toHaveAttribute('aria-invalid', 'true');

  await page.keyboard.type('1000000');
  await expect(amount).toHaveValue('$10,000.00');
  await page.keyboard.type('1');
  await expect(amount).toHaveValue('$10,000.00');
  await expect(page.getByRole('alert')).toHaveText('$100,000.01 is over the maximum per transaction ($10,000.00).');
  await screenshots(page, 'sale-keypad-refused');

  // Pasted text is not an amount: nothing changes.
  await page.evaluate(() => {
    const field = document.getElementById('sale-amount');
    const data = new DataTransfer();
    data.setData('text/plain', 'javascript:alert(1)');
    field?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(amount).toHaveValue('$10,000.00');
  await expect(page.getByRole('alert')).toHaveText('Pasted text is not an amount; nothing was changed.');
  await page.keyboard.press('Delete');
  await expect(amount).toHaveValue('$0.00');
});

test('a double click on Charge sends one charge', async ({ page, terminal }) => {
  const charges = countCalls(page, 'sale.charge');
  await page.goto(terminal.url);
  await typeAmount(page, '4200');
  await presentTestCard(page, 'Discover •••• 1117', 'Tap');
  await page.getByRole('button', { name: 'Charge $42.00' }).dblclick();
  await expect(page.getByRole('heading', { name: '✓ Approved: $42.00' })).toBeVisible();
  expect(charges.count).toBe(1);
});
