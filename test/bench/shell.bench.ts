/**
 * The renderer in Chromium through the browser host: bundle size (JS, gzip), cold start → first
 * paint and → interactive sale screen, keypress → rendered amount on the sale keypad, and sale
 * screen → result against the sandbox at zero latency.
 *
 * Cold start is measured from spawning the host process to the first contentful paint of the
 * terminal in Chromium (already running), so it includes Node start, service wiring, serving,
 * parsing and the first React render. Targets: ≤ 250 KB gzip JS for the shell (≤ 300 KB with every
 * screen), first paint ≤ 1 s, keypress p99 < 16 ms.
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { percentile, printTable } from './report';

const runs = 10;

function bundleSizes() {
  const assets = join('dist', 'renderer', 'assets');
  const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
  const raw = scripts.reduce((sum, name) => sum + readFileSync(join(assets, name)).length, 0);
  const gzip = scripts.reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name)), { level: 9 }).length, 0);
  return { raw, gzip };
}

type Browser = Awaited<ReturnType<typeof chromium.launch>>;

/** Starts the host in a fresh data folder; resolves with its address once it prints it. */
async function startHost(): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'counter-bench-'));
  const host = spawn(process.execPath, ['dist/main/host.js', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, COUNTER_KEYCHAIN_SERVICE: `counter-bench-${process.pid}-${Date.now()}` },
  });
  let url = '';
  for await (const line of createInterface({ input: host.stdout })) {
    url = /^Counter is running at (\S+)$/.exec(line)?.[1] ?? '';
    if (url) break;
  }
  return {
    url,
    async stop() {
      host.kill('SIGTERM');
      await once(host, 'exit');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function coldStart(browser: Browser): Promise<{ toUrl: number; toPaint: number; toInteractive: number }> {
  const startedAt = Date.now();
  const host = await startHost();
  try {
    const { url } = host;
    const urlAt = Date.now();
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'Sale' }).waitFor();
    const interactiveAt = Date.now();
    const paintAt = await page.evaluate(() => {
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      return paint ? performance.timeOrigin + paint.startTime : Number.NaN;
    });
    await page.close();
    return { toUrl: urlAt - startedAt, toPaint: paintAt - startedAt, toInteractive: interactiveAt - startedAt };
  } finally {
    await host.stop();
  }
}

/**
 * Keypress → amount in the DOM (the end of the key's dispatch, React having rendered) and → the
 * next animation frame, over `presses` real key presses alternating a digit and Backspace.
 */
async function keypadLatency(browser: Browser, presses: number): Promise<{ rendered: number[]; frame: number[] }> {
  const host = await startHost();
  const page = await browser.newPage();
  try {
    await page.goto(host.url);
    const amount = page.getByLabel('Sale amount (USD)');
    await amount.focus();
    await page.evaluate(() => {
      const samples: { rendered: number[]; frame: number[] } = { rendered: [], frame: [] };
      (window as unknown as { keypad: typeof samples }).keypad = samples;
      window.addEventListener('keydown', (event) => {
        const rendered = performance.now() - event.timeStamp;
        samples.rendered.push(rendered);
        requestAnimationFrame(() => samples.frame.push(performance.now() - event.timeStamp));
      });
    });
    for (let press = 0; press < presses; press++) await page.keyboard.press(press % 2 === 0 ? '7' : 'Backspace');
    await page.waitForFunction((count) => (window as unknown as { keypad: { frame: number[] } }).keypad.frame.length >= count, presses);
    return await page.evaluate(() => (window as unknown as { keypad: { rendered: number[]; frame: number[] } }).keypad);
  } finally {
    await page.close();
    await host.stop();
  }
}

/** Charge pressed → the approved result on screen, for swiped training sales against the sandbox at zero latency. */
async function saleToResult(browser: Browser, sales: number): Promise<number[]> {
  const host = await startHost();
  const page = await browser.newPage();
  const samples: number[] = [];
  try {
    await page.goto(host.url);
    for (let sale = 0; sale < sales; sale++) {
      const amount = page.getByLabel('Sale amount (USD)');
      await amount.focus();
      await page.keyboard.type(String(500 + sale));
      await page.keyboard.press('Enter');
      const training = page.getByRole('group', { name: 'Training: present a test card' });
      await training.getByLabel('Test card').selectOption({ label: 'Visa •••• 1111' });
      await training.getByRole('button', { name: 'Swipe' }).click();
      const charge = page.getByRole('button', { name: /^Charge / });
      await charge.waitFor();
      const pressedAt = performance.now();
      await charge.click();
      await page.getByRole('region', { name: /Approved/ }).waitFor();
      samples.push(performance.now() - pressedAt);
      await page.getByRole('button', { name: /New sale/ }).click();
    }
    return samples;
  } finally {
    await page.close();
    await host.stop();
  }
}

const sizes = bundleSizes();
console.log(
  `Renderer JS bundle: ${(sizes.raw / 1024).toFixed(1)} KB raw, ${(sizes.gzip / 1024).toFixed(1)} KB gzip ` +
    `(${(sizes.gzip / 1024 / 250).toFixed(2)}× of the shell's 250 KB budget, ${(sizes.gzip / 1024 / 300).toFixed(2)}× of the full app's 300 KB)`,
);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const samples: Awaited<ReturnType<typeof coldStart>>[] = [];
for (let run = 0; run < runs; run++) samples.push(await coldStart(browser));
const keypad = await keypadLatency(browser, 400);
const sales = await saleToResult(browser, 20);
await browser.close();

printTable(`Browser host cold start, ${runs} runs (ms from spawning the host)`, ['address printed', 'first paint', 'sale screen interactive'], [
  ['p50', ...(['toUrl', 'toPaint', 'toInteractive'] as const).map((key) => percentile(samples.map((s) => s[key]), 50))],
  ['max', ...(['toUrl', 'toPaint', 'toInteractive'] as const).map((key) => Math.max(...samples.map((s) => s[key])))],
]);
const paintP50 = percentile(samples.map((s) => s.toPaint), 50);
console.log(`First paint p50 ${paintP50.toFixed(0)} ms against the 1,000 ms target (${(paintP50 / 1000).toFixed(2)}× of budget)`);

printTable('Sale keypad, 400 key presses (ms from keydown)', ['amount rendered', 'next frame'], [
  ['p50', percentile(keypad.rendered, 50), percentile(keypad.frame, 50)],
  ['p99', percentile(keypad.rendered, 99), percentile(keypad.frame, 99)],
]);
console.log(`Keypress → rendered amount p99 ${percentile(keypad.rendered, 99).toFixed(2)} ms against the 16 ms target`);
printTable('Sale screen → result, 20 swiped training sales, sandbox at zero latency (ms)', ['charge → approved on screen'], [
  ['p50', percentile(sales, 50)],
  ['max', Math.max(...sales)],
]);
