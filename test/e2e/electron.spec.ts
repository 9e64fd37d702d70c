import { _electron as electron, expect, test } from '@playwright/test';
import { createRequire } from 'node:module';

function electronBinary(): { path?: string; reason?: string } {
  try {
    return { path: createRequire(import.meta.url)('electron') as string };
  } catch (error) {
    return { reason: `Electron binary not installed (${(error as Error).message.split('\n')[0]}); the browser-host tests cover the renderer` };
  }
}

const binary = electronBinary();

test('the Electron window opens the terminal with window.pos and no Node', async () => {
  test.skip(!binary.path, binary.reason);
  const app = await electron.launch({ args: ['.'], executablePath: binary.path });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { level: 1, name: 'Sale' })).toBeVisible();
    expect(await page.evaluate(() => ({ pos: typeof window.pos, require: typeof (globalThis as { require?: unknown }).require }))).toEqual({
      pos: 'object',
      require: 'undefined',
    });
  } finally {
    await app.close();
  }
});
