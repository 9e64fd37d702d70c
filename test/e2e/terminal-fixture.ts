/**
 * Starts the terminal the way a user does (`npm start --host`), in a throwaway data folder, and
 * gives each test its address. Console errors and page errors fail the test.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningTerminal {
  url: string;
  dataDir: string;
  restart(): Promise<void>;
}

async function launch(dataDir: string, keychainService: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['scripts/start.mjs', '--host', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, COUNTER_KEYCHAIN_SERVICE: keychainService },
  });
  if (!child.stdout) throw new Error('the terminal was started without a stdout pipe');
  for await (const line of createInterface({ input: child.stdout })) {
    const address = /^Counter is running at (\S+)$/.exec(line)?.[1];
    if (address) return { child, url: address };
  }
  throw new Error('the terminal exited before printing its address');
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

export const test = base.extend<{ terminal: RunningTerminal; consoleErrors: string[] }>({
  terminal: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'counter-e2e-'));
    const keychainService = `counter-e2e-${randomUUID()}`;
    let running = await launch(dataDir, keychainService);
    await use({
      get url() {
        return running.url;
      },
      dataDir,
      async restart() {
        await stop(running.child);
        running = await launch(dataDir, keychainService);
      },
    });
    await stop(running.child);
    rmSync(dataDir, { recursive: true, force: true });
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
    expect(errors, 'console errors').toEqual([]);
  },
});

export { expect };

/** Saves a screenshot under test-results/screens/ for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  await page.screenshot({ path: `test-results/screens/${name}-${width}x${height}.png`, fullPage: true });
}
