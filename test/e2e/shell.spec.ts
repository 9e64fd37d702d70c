import { expect, screenshot, test } from './terminal-fixture';

const screens: { name: string; heading?: string; key: string }[] = [
  { name: 'Sale', key: 'S' },
  { name: 'Pre-auth', key: 'A' },
  { name: 'Tabs', key: 'T' },
  { name: 'Split tender', key: 'L' },
  { name: 'Void', key: 'V' },
  { name: 'History', key: 'H' },
  { name: 'Voice auth', heading: 'Voice authorization', key: 'U' },
  { name: 'Offline', heading: 'Offline queue', key: 'O' },
  { name: 'Day', key: 'D' },
  { name: 'Settings', key: 'G' },
];

test('the terminal loads with its Content-Security-Policy intact and shows its status', async ({ page, terminal, consoleErrors }) => {
  const response = await page.goto(terminal.url);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { level: 1, name: 'Sale' })).toBeFocused();
  const status = page.getByRole('definition');
  await expect(status.first()).toHaveText('Sandbox (training)');
  await expect(page.getByText('COUNTER1')).toBeVisible();

  const inlineScriptRan = await page.evaluate(async () => {
    const blocked = new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), { once: true }));
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.head.append(script);
    return { directive: await blocked, ran: 'inlineRan' in window };
  });
  expect(inlineScriptRan).toEqual({ directive: 'script-src-elem', ran: false });
  consoleErrors.splice(0);
});

test('every screen is reachable by keyboard, by shortcut and by Tab', async ({ page, terminal, consoleErrors }) => {
  await page.goto(terminal.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Sale' })).toBeFocused();
  for (const screen of screens) {
    await page.keyboard.press(`Alt+${screen.key}`);
    await expect(page.getByRole('heading', { level: 1, name: screen.heading ?? screen.name })).toBeFocused();
    await expect(page.getByRole('button', { name: screen.name, exact: true })).toHaveAttribute('aria-current', 'page');
    await screenshot(page, `screen-${screen.name.toLowerCase().replace(/\W+/g, '-')}`);
  }

  await page.keyboard.press('Alt+S');
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await nav.getByRole('button', { name: 'Sale', exact: true }).focus();
  for (const screen of screens.slice(1)) {
    await page.keyboard.press('Tab');
    await expect(nav.getByRole('button', { name: screen.name, exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: screen.heading ?? screen.name })).toBeVisible();
    await nav.getByRole('button', { name: screen.name, exact: true }).focus();
  }
  expect(consoleErrors).toEqual([]);
});

test('a setting changed by keyboard is saved, shown in the status bar, and survives a reload and a restart', async ({ page, terminal, consoleErrors }) => {
  await page.goto(terminal.url);
  await page.keyboard.press('Alt+G');
  const terminalId = page.getByLabel('Terminal id');
  await terminalId.focus();
  await terminalId.fill('LOBBY2');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(page.getByRole('banner').getByText('LOBBY2')).toBeVisible();
  await screenshot(page, 'settings-saved');

  await page.reload();
  await page.keyboard.press('Alt+G');
  await expect(page.getByLabel('Terminal id')).toHaveValue('LOBBY2');

  await terminal.restart();
  await page.goto(terminal.url);
  await expect(page.getByRole('banner').getByText('LOBBY2')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('an invalid setting is refused with the field named and nothing saved', async ({ page, terminal }) => {
  await page.goto(terminal.url);
  await page.keyboard.press('Alt+G');
  await page.getByLabel('Terminal id').fill('TILL 7!');
  await page.getByLabel(/Maximum amount/).fill('12.345');
  await page.getByRole('button', { name: 'Save settings' }).press('Enter');
  await expect(page.getByLabel(/Maximum amount/)).toHaveAccessibleDescription('Maximum amount USD has at most 2 decimals');
  await expect(page.getByLabel(/Maximum amount/)).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel(/Maximum amount/).fill('250.00');
  await page.getByRole('button', { name: 'Save settings' }).press('Enter');
  await expect(page.getByLabel('Terminal id')).toHaveAccessibleDescription('must be 1 to 8 letters or digits (the gateway terminal id)');
  await expect(page.getByLabel('Terminal id')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toHaveText('Not saved: correct the marked fields.');
  await screenshot(page, 'settings-invalid');

  await page.reload();
  await page.keyboard.press('Alt+G');
  await expect(page.getByLabel('Terminal id')).toHaveValue('COUNTER1');
});

test('the terminal refuses a browser that does not have the token', async ({ page, terminal }) => {
  const origin = new URL(terminal.url).origin;
  const response = await page.goto(`${origin}/`);
  expect(response?.status()).toBe(403);
});
