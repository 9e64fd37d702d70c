import { expect, screenshot, test } from './terminal-fixture';

test('the offline limits are settings a manager can change, and bad ones are refused naming the field', async ({ page, terminal, consoleErrors }) => {
  await page.goto(terminal.url);
  await page.keyboard.press('Alt+G');
  await page.getByLabel('Sandbox behaviour').selectOption('refuse');
  await page.getByRole('button', { name: 'Apply fault' }).press('Enter');
  await page.getByRole('button', { name: 'Test connection' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Gateway unreachable' })).toBeVisible();

  await page.getByLabel(/Largest sale approved offline/).fill('20.00');
  await page.getByRole('button', { name: 'Save offline limits' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await page.reload();
  await page.keyboard.press('Alt+G');
  await expect(page.getByLabel(/Largest sale approved offline/)).toHaveValue('20.00');

  await page.getByLabel('Forward within (hours)').fill('0');
  await page.getByRole('button', { name: 'Save offline limits' }).press('Enter');
  await expect(page.getByLabel('Forward within (hours)')).toHaveAccessibleDescription('must be at least 1');
  await screenshot(page, 'settings-offline-limits');
  expect(consoleErrors).toEqual([]);
});
