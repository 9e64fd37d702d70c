import { expect, screenshot, test } from './terminal-fixture';

test('training mode presents a test card through the simulated reader and shows it masked', async ({ page, terminal, consoleErrors }) => {
  await page.goto(terminal.url);
  const readerStatus = page.getByRole('banner').locator('dt', { hasText: 'Reader' }).locator('+ dd');
  await expect(readerStatus).toHaveText('Ready');

  await page.keyboard.press('Alt+G');
  const cards = page.getByRole('group', { name: 'Present a test card' });
  await cards.getByLabel('Test card').selectOption({ label: 'Mastercard •••• 4444' });
  await cards.getByRole('button', { name: 'Tap' }).press('Enter');
  await expect(cards.getByRole('status')).toHaveText('Last card read: mastercard •••• 4444 (tapped)');
  await cards.getByRole('button', { name: 'Swipe' }).press('Enter');
  await expect(cards.getByRole('status')).toHaveText('Last card read: mastercard •••• 4444 (swiped)');
  expect(await page.content()).not.toContain('5555555555554444');
  await screenshot(page, 'settings-reader-training');

  await page.getByLabel('Reader', { exact: true }).selectOption('none');
  await page.getByRole('button', { name: 'Save reader' }).press('Enter');
  await expect(readerStatus).toHaveText('None (keyed entry)');
  expect(consoleErrors).toEqual([]);
});

test('a serial reader with no port named is refused with the field marked', async ({ page, terminal }) => {
  await page.goto(terminal.url);
  await page.keyboard.press('Alt+G');
  await page.getByLabel('Reader', { exact: true }).selectOption('serial');
  await page.getByRole('button', { name: 'Save reader' }).press('Enter');
  await expect(page.getByLabel('Serial port')).toHaveAccessibleDescription('must name the serial port, e.g. /dev/ttyUSB0 or COM3');
});
