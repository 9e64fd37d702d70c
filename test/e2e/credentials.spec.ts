import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, screenshot, test } from './terminal-fixture';

const secret = Buffer.from('e2e shared secret, thirty-two b!').toString('base64');

test('training mode tests its connection to the embedded sandbox and can take it down', async ({ page, terminal, consoleErrors }) => {
  await page.goto(terminal.url);
  await page.keyboard.press('Alt+G');
  await page.getByRole('button', { name: 'Test connection' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText('the gateway accepted the credentials');

  await page.getByLabel('Sandbox behaviour').selectOption('refuse');
  await page.getByRole('button', { name: 'Apply fault' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Sandbox fault in effect' })).toContainText('Gateway down');
  await page.getByRole('button', { name: 'Test connection' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Gateway unreachable' })).toBeVisible();
  await screenshot(page, 'settings-training-fault');

  await page.getByLabel('Sandbox behaviour').selectOption('none');
  await page.getByRole('button', { name: 'Apply fault' }).press('Enter');
  await page.getByRole('button', { name: 'Test connection' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('credentials are write-only: saved, shown as stored, and never put back into the page', async ({ page, terminal, consoleErrors }) => {
  await page.goto(terminal.url);
  await page.keyboard.press('Alt+G');
  await page.getByLabel('Environment').selectOption('test');
  await page.getByRole('button', { name: 'Save settings' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Gateway credentials (test)' })).toBeVisible();
  await expect(page.getByLabel(/^Shared secret/)).toHaveAccessibleName('Shared secret (not set)');

  await page.getByLabel(/^Merchant id/).fill('harbour_cafe');
  await page.getByLabel(/^Key id/).fill('08c94330-f618-42a3-b09d-e1e43be5efda');
  await page.getByLabel(/^Shared secret/).fill('not base64!');
  await page.getByLabel(/^Shared secret/).press('Enter');
  await expect(page.getByLabel(/^Shared secret/)).toHaveAccessibleDescription('must be the base64 shared secret exactly as the Business Center shows it');
  await expect(page.getByLabel(/^Merchant id/)).toHaveAccessibleName('Merchant id (not set)');

  await page.getByLabel(/^Shared secret/).fill(secret);
  await page.getByLabel(/^Shared secret/).press('Enter');
  await expect(page.getByLabel(/^Shared secret/)).toHaveAccessibleName('Shared secret (stored)');
  await expect(page.getByLabel(/^Merchant id/)).toHaveAccessibleName('Merchant id (stored)');
  await expect(page.getByLabel(/^Shared secret/)).toHaveValue('');
  expect(await page.content()).not.toContain(secret);
  await screenshot(page, 'settings-credentials');

  await page.reload();
  await page.keyboard.press('Alt+G');
  await expect(page.getByLabel(/^Shared secret/)).toHaveAccessibleName('Shared secret (stored)');
  await expect(page.getByLabel(/^Shared secret/)).toHaveValue('');
  expect(await page.content()).not.toContain(secret);

  await page.getByRole('button', { name: 'Clear credentials' }).press('Enter');
  await expect(page.getByLabel(/^Shared secret/)).toHaveAccessibleName('Shared secret (not set)');
  expect(consoleErrors).toEqual([]);

  // Stopping the terminal flushes its log; the secret and the key id must not be in it.
  await terminal.restart();
  const log = readFileSync(join(terminal.dataDir, 'counter.log'), 'utf8');
  expect(log).toContain('gateway credentials saved');
  expect(log).not.toContain(secret);
  expect(log).not.toContain('08c94330-f618-42a3-b09d-e1e43be5efda');
});
