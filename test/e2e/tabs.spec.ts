/**
 * The front desk's hotel tab, driven by keyboard the way an operator does: the guide's scenario
 * (400.00 held, +50.00, +200.00, +50.00, one capture of 700.00), and a declined increase moved
 * to a second card.
 */
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './terminal-fixture';

const large = { width: 1280, height: 800 };
const sizes = [large, { width: 1024, height: 768 }];

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await screenshot(page, name);
  }
  await page.setViewportSize(large);
}

/** From the tab list: fills the open-tab form by keyboard and presents a training test card. */
async function openTab(page: Page, tab: { guest: string; room: string; nights: string; rate: string; incidentals?: string; card?: string; consent?: boolean }): Promise<void> {
  await page.keyboard.press('Alt+T');
  await expect(page.getByRole('heading', { level: 1, name: 'Tabs' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Open a new tab' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Guest name')).toBeFocused();
  await page.keyboard.type(tab.guest);
  await page.keyboard.press('Tab');
  await page.keyboard.type(tab.room);
  await page.keyboard.press('Tab');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(tab.nights);
  await page.keyboard.press('Tab');
  await page.keyboard.type(tab.rate);
  await page.keyboard.press('Tab');
  if (tab.incidentals) await page.keyboard.type(tab.incidentals);
  if (tab.consent) {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('checkbox', { name: 'Keep the card on file: the guest agrees' })).toBeFocused();
    await page.keyboard.press('Space');
  }
  const card = page.getByRole('group', { name: 'Card' });
  if (tab.card) await card.getByLabel('Test card').selectOption({ label: tab.card });
  await card.getByRole('button', { name: 'Swipe' }).press('Enter');
}

test('the hotel scenario: 400.00 held, +50.00, +200.00, +50.00, check out capturing 700.00', async ({ page, terminal, consoleErrors }) => {
  await page.goto(terminal.url);
  await expect(page.getByRole('banner').locator('dt', { hasText: 'Reader' }).locator('+ dd')).toHaveText('Ready');
  await page.keyboard.press('Alt+T');
  await expect(page.getByRole('status').filter({ hasText: 'No open tabs.' })).toBeVisible();

  await openTab(page, { guest: 'Ada Lovelace', room: '101', nights: '2', rate: '200.00' });
  await expect(page.getByText('Hold at check-in: 2 × $200.00 = $400.00')).toBeVisible();
  const submit = page.getByRole('button', { name: 'Open tab and hold $400.00' });
  await expect(submit).toBeFocused();
  await expect(page.getByText(/Card: Visa •••• 1111/i)).toBeVisible();
  await shoot(page, 'tabs-open-form');
  await page.keyboard.press('Enter');

  const folio = page.getByRole('region', { name: 'Folio of room 101' });
  const held = folio.getByTestId('held');
  await expect(page.getByRole('heading', { name: 'Room 101 — Ada Lovelace' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Tab opened: $400.00 held' })).toBeVisible();
  await expect(held).toHaveText('$400.00');
  await expect(folio.getByTestId('folio')).toHaveText('$400.00');
  await expect(folio.getByTestId('next-charge')).toHaveText('The hold is used up: the next charge asks the card for its full amount.');

  const amount = page.getByLabel('Charge amount (USD)');
  await expect(amount).toBeFocused();
  const charges: [string, string, string, string][] = [
    ['room-service', '5000', '$400.00', '$450.00'],
    ['extra-night', '20000', '$450.00', '$650.00'],
    ['minibar', '5000', '$650.00', '$700.00'],
  ];
  for (const [category, digits, before, after] of charges) {
    await page.getByLabel('Category').selectOption(category);
    await amount.focus();
    await page.keyboard.type(digits);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: `Held amount went up from ${before} to ${after}` })).toBeVisible();
    await expect(held).toHaveText(after);
    await expect(amount).toBeFocused();
    await expect(amount).toHaveValue('$0.00');
  }
  await expect(folio.getByTestId('folio')).toHaveText('$700.00');
  await expect(folio.getByRole('table', { name: 'Charges' }).getByRole('row')).toHaveCount(1 + 4 + 1);
  await shoot(page, 'tabs-folio-700');

  await page.getByRole('button', { name: 'Check out… ($700.00)' }).press('Enter');
  const capture = page.getByRole('button', { name: 'Capture $700.00 and check out' });
  await expect(capture).toBeFocused();
  await shoot(page, 'tabs-checkout-confirm');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Checked out: $700.00 captured on visa •••• 1111' })).toBeVisible();
  const receipt = page.getByRole('article', { name: 'Receipt' });
  await expect(receipt).toContainText('$700.00');
  await expect(receipt).toContainText('•••• 1111');

  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await expect(page.getByRole('button', { name: 'Print receipt' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
  await shoot(page, 'tabs-receipt');

  await page.keyboard.press('Escape');
  await expect(page.getByRole('status').filter({ hasText: 'No open tabs.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open a new tab' })).toBeFocused();
  expect(await page.content()).not.toContain('4111111111111111');
  expect(consoleErrors).toEqual([]);
});

test('a declined increase flags the tab and the folio moves to a second card', async ({ page, terminal }) => {
  await page.goto(terminal.url);
  await expect(page.getByRole('banner').locator('dt', { hasText: 'Reader' }).locator('+ dd')).toHaveText('Ready');
  await openTab(page, { guest: 'Alan Turing', room: '12', nights: '2', rate: '200', card: 'Visa debit (balance 499.01) •••• 0005' });
  await expect(page.getByRole('button', { name: 'Open tab and hold $400.00' })).toBeFocused();
  await page.keyboard.press('Enter');

  const amount = page.getByLabel('Charge amount (USD)');
  await expect(amount).toBeFocused();
  await page.keyboard.type('20000');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'The card declined an increase of $200.00' })).toBeVisible();
  const folio = page.getByRole('region', { name: 'Folio of room 12' });
  await expect(folio.getByTestId('held')).toHaveText('$400.00');
  await expect(folio.getByTestId('over')).toHaveText('$200.00');
  await expect(page.getByText('⚠ Needs a second card')).toBeVisible();
  await shoot(page, 'tabs-flagged');

  await expect(page.getByRole('button', { name: 'Use a second card' })).toBeFocused();
  await page.keyboard.press('Enter');
  const card = page.getByRole('group', { name: 'Card' });
  await card.getByLabel('Test card').selectOption({ label: 'Mastercard •••• 4444' });
  await card.getByRole('button', { name: 'Tap' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'The folio is now held on mastercard •••• 4444: $600.00. The first card’s hold was released.' })).toBeVisible();
  await expect(folio.getByTestId('held')).toHaveText('$600.00');
  await expect(page.getByText('⚠ Needs a second card')).toHaveCount(0);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Room 12 — Alan Turing' })).toBeFocused();
  const list = page.getByRole('table', { name: 'Open tabs' });
  await expect(list.getByRole('row')).toHaveCount(2);
  await expect(list).toContainText('mastercard •••• 4444$600.00$600.00Open');
  await shoot(page, 'tabs-list');
});

test('a manager-approved late charge on a checked-out tab whose guest agreed to keep the card on file', async ({ page, terminal, consoleErrors }) => {
  await page.goto(terminal.url);
  await page.keyboard.press('Alt+G');
  const managers = page.getByRole('region', { name: 'Managers' });
  await managers.getByLabel('Manager id').fill('night-mgr');
  await managers.getByLabel('New PIN (4 to 8 digits)').fill('13579');
  await managers.getByLabel('Repeat the new PIN').fill('13579');
  await managers.getByRole('button', { name: 'Create first manager' }).press('Enter');
  await expect(managers.getByRole('status').filter({ hasText: 'Manager night-mgr added.' })).toBeVisible();

  await openTab(page, { guest: 'Grace Hopper', room: '7', nights: '1', rate: '150.00', incidentals: '50.00', consent: true });
  await expect(page.getByRole('button', { name: 'Open tab and hold $200.00' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('· card on file')).toBeVisible();
  await page.getByRole('button', { name: 'Check out… ($150.00)' }).press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Checked out: $150.00 captured' })).toBeVisible();

  await page.getByRole('button', { name: 'Late charge… (manager)' }).press('Enter');
  await expect(page.getByLabel('Late charge amount (USD)')).toBeFocused();
  await page.keyboard.type('2500');
  await page.keyboard.press('Enter');
  const approval = page.getByRole('region', { name: 'Approve the late charge' });
  await expect(approval.getByLabel('Manager id')).toBeFocused();
  await expect(approval).toContainText('Minibar: $25.00 to visa •••• 1111');
  await page.keyboard.type('night-mgr');
  await page.keyboard.press('Tab');
  await page.keyboard.type('13579');
  await shoot(page, 'tabs-late-charge-approval');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Late charge of $25.00 charged to visa •••• 1111.' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Receipt' })).toContainText('$25.00');
  expect(await page.content()).not.toContain('13579');
  expect(consoleErrors).toEqual([]);
});
