/**
 * The day, end to end and by keyboard: every kind of money a counter and a front desk take
 * in one business day, then the Day report and the close. The net must be the money that settles
 * (1,907.64: card 1,867.64 + cash 40.00), never holds, releases or voided sales, and the close must
 * find every transaction matched at the gateway.
 */
import type { Page } from '@playwright/test';
import { createFirstManager, presentTestCard, ringSale, screenshots, typeAmount, typeManagerCredentials } from './payment-helpers';
import { expect, test } from './terminal-fixture';

test.setTimeout(180_000);

async function openTill(page: Page, float: string): Promise<void> {
  await page.keyboard.press('Alt+D');
  await page.getByRole('button', { name: 'Open the till' }).press('Enter');
  await expect(page.getByLabel('Float in the drawer (USD)')).toBeFocused();
  await page.keyboard.type(float);
  await page.keyboard.press('Enter');
  await expect(page.getByText(/Till open since .* with a float of/)).toBeVisible();
}

async function approvedSale(page: Page, digits: string, amount: string, card: string, how: 'Swipe' | 'Insert' | 'Tap' = 'Swipe'): Promise<void> {
  await ringSale(page, digits, amount, card, how);
  await expect(page.getByRole('region', { name: /Approved/ }).getByRole('heading')).toHaveText(`✓ Approved: ${amount}`);
  await page.getByRole('button', { name: 'New sale' }).press('Enter');
}

async function splitHundredWithCash(page: Page): Promise<void> {
  await ringSale(page, '10000', '$100.00', 'Discover prepaid (balance 60.00) •••• 0008', 'Insert');
  await expect(page.getByRole('heading', { level: 1, name: 'Split tender' })).toBeFocused();
  await page.getByRole('button', { name: 'Add cash' }).press('Enter');
  const cash = page.getByLabel('Cash taken (USD)');
  await expect(cash).toBeFocused();
  await page.keyboard.press('Delete');
  await page.keyboard.type('4000');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '✓ Paid in full' })).toBeVisible();
  await page.getByRole('button', { name: 'New sale' }).press('Enter');
}

async function hotelStay(page: Page): Promise<void> {
  await page.keyboard.press('Alt+T');
  await page.getByRole('button', { name: 'Open a new tab' }).press('Enter');
  await expect(page.getByLabel('Guest name')).toBeFocused();
  await page.keyboard.type('Ada Lovelace');
  await page.keyboard.press('Tab');
  await page.keyboard.type('101');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('2');
  await page.keyboard.press('Tab');
  await page.keyboard.type('200.00');
  const card = page.getByRole('group', { name: 'Card' });
  await card.getByLabel('Test card').selectOption({ label: 'Visa •••• 1111' });
  await card.getByRole('button', { name: 'Swipe' }).press('Enter');
  await page.getByRole('button', { name: 'Open tab and hold $400.00' }).press('Enter');
  const amount = page.getByLabel('Charge amount (USD)');
  for (const [digits, after] of [['5000', '$450.00'], ['20000', '$650.00'], ['5000', '$700.00']] as const) {
    await amount.focus();
    await page.keyboard.type(digits);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Folio of room 101' }).getByTestId('held')).toHaveText(after);
  }
  await page.getByRole('button', { name: 'Check out… ($700.00)' }).press('Enter');
  await page.getByRole('button', { name: 'Capture $700.00 and check out' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /Checked out: \$700\.00 captured/ })).toBeVisible();
  await page.keyboard.press('Escape');
}

async function placeHold(page: Page, digits: string, amount: string, card: string): Promise<void> {
  await page.keyboard.press('Alt+A');
  await page.getByRole('button', { name: 'New hold' }).press('Enter');
  await typeAmount(page, digits);
  await presentTestCard(page, card, 'Insert');
  await page.getByRole('button', { name: `Place hold of ${amount}` }).press('Enter');
  await expect(page.getByRole('heading', { name: `✓ Hold placed: ${amount}` })).toBeVisible();
  await page.keyboard.press('Enter');
}

async function holdsCapturedAndReleased(page: Page): Promise<void> {
  await placeHold(page, '8000', '$80.00', 'Mastercard •••• 4444');
  await placeHold(page, '3000', '$30.00', 'American Express •••• 0005');
  const holds = page.getByRole('table', { name: 'Open holds' });
  await holds.getByRole('button', { name: /^Capture .*\$80\.00/ }).press('Enter');
  await expect(page.getByLabel('Final amount (USD)')).toBeFocused();
  await page.keyboard.press('Delete');
  await page.keyboard.type('7500');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '✓ Captured: $75.00' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to holds' }).press('Enter');
  await holds.getByRole('button', { name: /^Release .*\$30\.00/ }).press('Enter');
  const confirm = page.getByRole('alertdialog', { name: 'Release this hold?' });
  await confirm.getByRole('button', { name: 'Release hold' }).press('Enter');
  await expect(page.getByRole('heading', { name: /✓ Released: \$30\.00/ })).toBeVisible();
  await page.keyboard.press('Enter');
}

async function approveAsManager(page: Page): Promise<void> {
  await typeManagerCredentials(page, 'mgr1', '2468');
  await page.keyboard.press('Enter');
}

async function saleVoided(page: Page): Promise<void> {
  await approvedSale(page, '2500', '$25.00', 'JCB •••• 1113');
  await page.keyboard.press('Alt+V');
  await expect(page.getByRole('heading', { level: 1, name: 'Void' })).toBeFocused();
  await page.getByRole('button', { name: /^Void \$25\.00 sale/ }).press('Enter');
  await expect(page.getByRole('region', { name: 'Confirm the void' }).getByLabel('Manager id')).toBeFocused();
  await approveAsManager(page);
  await expect(page.getByRole('status').filter({ hasText: /Voided \$25\.00/ })).toBeVisible();
}

async function setFault(page: Page, kind: 'refuse' | 'none'): Promise<void> {
  await page.keyboard.press('Alt+G');
  await page.getByLabel('Sandbox behaviour').selectOption(kind);
  await page.getByRole('button', { name: 'Apply fault' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Sandbox fault in effect' })).toContainText(kind === 'none' ? 'None' : 'Gateway down');
}

async function offlineSaleForwarded(page: Page): Promise<void> {
  await setFault(page, 'refuse');
  await approvedSale(page, '2000', '$20.00', 'Visa •••• 1111', 'Tap');
  const banner = page.getByRole('status', { name: 'Gateway status' });
  await expect(banner).toContainText('1 sale waiting to be forwarded (20.00 USD)');
  await setFault(page, 'none');
  await page.keyboard.press('Alt+O');
  await expect(page.getByText('No offline sales are waiting to be forwarded.')).toBeVisible({ timeout: 30_000 });
}

async function voiceAuthorized(page: Page): Promise<void> {
  await ringSale(page, '100030', '$1,000.30', 'Visa •••• 1111');
  await expect(page.getByRole('region', { name: /Call the issuer/ }).getByRole('heading')).toHaveText('Call the issuer: $1,000.30');
  await expect(page.getByRole('button', { name: 'Voice authorization' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Voice authorization of $1,000.30 on visa •••• 1111');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel("Approval code from the issuer's call")).toBeFocused();
  await page.keyboard.type('VX7Q2Z');
  await page.keyboard.press('Enter');
  await approveAsManager(page);
  await expect(page.getByRole('heading', { name: '✓ Voice authorized: $1,000.30' })).toBeVisible();
}

async function declines(page: Page): Promise<void> {
  for (const [digits, amount, card] of [
    ['100001', '$1,000.01', 'Discover •••• 1117'],
    ['100005', '$1,000.05', 'Mastercard •••• 4444'],
  ] as const) {
    await ringSale(page, digits, amount, card);
    await expect(page.getByRole('region', { name: /Declined/ }).getByRole('heading')).toHaveText(`✕ Declined: ${amount}`);
    await page.getByRole('button', { name: 'New sale' }).press('Enter');
  }
}

test('a whole business day: the report nets the money that settles and the close matches the gateway', async ({ page, terminal, consoleErrors }) => {
  await page.goto(terminal.url);
  await createFirstManager(page, 'mgr1', '2468');
  await openTill(page, '100.00');

  await approvedSale(page, '1234', '$12.34', 'Visa •••• 1111');
  await splitHundredWithCash(page);
  await hotelStay(page);
  await holdsCapturedAndReleased(page);
  await saleVoided(page);
  await offlineSaleForwarded(page);
  await voiceAuthorized(page);
  await declines(page);

  await page.keyboard.press('Alt+D');
  await expect(page.getByRole('heading', { level: 1, name: 'Day' })).toBeFocused();
  const report = page.getByRole('article', { name: "Today's report" });
  await expect(report.getByRole('heading', { name: /Net takings USD/ })).toHaveText('Net takings USD: $1,907.64');
  await expect(report.getByText(/^Card \$/)).toHaveText('Card $1,867.64 + cash $40.00');
  await screenshots(page, 'scenario-day-report');

  // The close: 100.00 float + 40.00 cash in the drawer, and the gateway agrees with every payment.
  await page.getByRole('button', { name: 'Close the day' }).press('Enter');
  await expect(page.getByLabel('Cash counted in the drawer (USD)')).toBeFocused();
  await page.keyboard.type('140.00');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Manager approval of the close' }).getByLabel('Manager id')).toBeFocused();
  await approveAsManager(page);
  await expect(page.getByRole('status').filter({ hasText: 'The day is closed as Z report #1' })).toBeVisible();
  const z = page.getByRole('article', { name: 'Z report number 1' });
  await expect(z.getByRole('status').filter({ hasText: /^✓ All matched/ })).toBeVisible();
  await expect(z.getByRole('heading', { name: /Net takings USD/ })).toHaveText('Net takings USD: $1,907.64');
  await expect(z).toContainText('Expected in the drawer$140.00');
  await expect(z).toContainText('Variancenone');
  await screenshots(page, 'scenario-day-z-report');
  expect(consoleErrors).toEqual([]);
});
