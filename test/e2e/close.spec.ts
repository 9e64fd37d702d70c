/**
 * The close of the day, by keyboard only: a manager opens the till with a float, a sale is made,
 * the day is closed with a cash count and the manager's PIN, the gateway agrees with every
 * payment, and Z report #1 is printed and downloaded; the next sale starts session 2.
 */
import { readFileSync } from 'node:fs';
import { createFirstManager, presentTestCard, screenshots, typeAmount, typeManagerCredentials } from './payment-helpers';
import { expect, test } from './terminal-fixture';

test('open the till, sell, close with a count: all matched, Z #1, and the next sale in session 2', async ({ page, terminal, consoleErrors }) => {
  // Printing is the browser's dialog: counted here instead of opened.
  await page.addInitScript(() => {
    const counter = window as unknown as { printed: number };
    counter.printed = 0;
    window.print = () => {
      counter.printed += 1;
    };
  });
  await page.goto(terminal.url);
  await createFirstManager(page, 'mgr1', '2468');

  await page.keyboard.press('Alt+D');
  await expect(page.getByRole('heading', { level: 1, name: 'Day' })).toBeFocused();
  await expect(page.getByText(/The till is closed\./)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Close the day' })).toBeDisabled();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Open the till' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Float in the drawer (USD)')).toBeFocused();
  await page.keyboard.type('100.00');
  await screenshots(page, 'day-open-till');
  await page.keyboard.press('Enter');
  await expect(page.getByText(/Till open since .* with a float of \$100\.00 \(opened by /)).toBeVisible();

  await page.keyboard.press('Alt+S');
  await typeAmount(page, '1234');
  await presentTestCard(page, 'Visa •••• 1111', 'Swipe');
  await expect(page.getByRole('button', { name: 'Charge $12.34' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: /Approved/ }).getByRole('heading')).toHaveText('✓ Approved: $12.34');

  await page.keyboard.press('Alt+D');
  const totals = page.getByRole('table', { name: 'Card takings by brand' });
  await expect(totals).toContainText('$12.34');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Close the day' })).toBeFocused();
  await screenshots(page, 'day-before-close');
  await page.keyboard.press('Enter');

  await expect(page.getByLabel('Cash counted in the drawer (USD)')).toBeFocused();
  await page.keyboard.type('100.00');
  await page.keyboard.press('Enter');

  const approval = page.getByRole('region', { name: 'Manager approval of the close' });
  await expect(approval.getByLabel('Manager id')).toBeFocused();
  await expect(approval).toContainText('Cash counted: $100.00');
  await typeManagerCredentials(page, 'mgr1', '2468');
  await screenshots(page, 'day-close-approval');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('status').filter({ hasText: 'The day is closed as Z report #1' })).toBeVisible();
  const z = page.getByRole('article', { name: 'Z report number 1' });
  await expect(z.getByRole('heading', { name: 'Z report #1' })).toBeVisible();
  await expect(z.getByRole('status').filter({ hasText: '✓ All matched: 1 approved, 0 declined and 0 undone agree with the gateway.' })).toBeVisible();
  await expect(z.getByRole('table', { name: 'Card takings by brand' })).toContainText('$12.34');
  await expect(z).toContainText('Expected in the drawer$100.00');
  await expect(z).toContainText('Variancenone');
  const print = page.getByRole('button', { name: 'Print Z report #1' });
  await expect(print).toBeFocused();
  await screenshots(page, 'day-z-report');
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Download as CSV' })).toBeFocused();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe('z-report-0001-COUNTER1.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv).toContain('Z report,number,,,,,,1\r\n');
  expect(csv).toContain('Books,brand visa,USD,1,12.34,0.00,12.34,\r\n');
  expect(csv).toContain('Reconciliation,differences,,0,,,,\r\n');

  // Back to today: the closed session's sale has left the report; the next sale opens session 2.
  await page.keyboard.press('Escape');
  await expect(page.getByText('Net takings: nothing taken yet this business day.')).toBeVisible();
  await expect(page.getByText(/The till is closed\. Last Z report: #1\./)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open the till' })).toBeFocused();
  await screenshots(page, 'day-after-close');

  await page.keyboard.press('Alt+S');
  await page.getByRole('button', { name: 'New sale' }).focus();
  await page.keyboard.press('Enter');
  await typeAmount(page, '500');
  await presentTestCard(page, 'Visa •••• 1111', 'Swipe');
  await expect(page.getByRole('button', { name: 'Charge $5.00' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: /Approved/ }).getByRole('heading')).toHaveText('✓ Approved: $5.00');

  await page.keyboard.press('Alt+D');
  await expect(page.getByText(/The till was opened by the first payment at .*, with no float/)).toBeVisible();
  await expect(totals).toContainText('$5.00');
  await expect(totals).not.toContainText('$12.34');

  // Past Z reports: Z #1 reopens as it was closed.
  await page.getByRole('button', { name: 'Past Z reports' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Open Z #1' })).toBeFocused();
  await screenshots(page, 'day-z-list');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: 'Z report number 1' })).toContainText('$12.34');
  await expect(page.getByRole('button', { name: 'Print Z report #1' })).toBeFocused();
  expect(consoleErrors).toEqual([]);
});
