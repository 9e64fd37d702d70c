/**
 * Renderer bundle size (JS, gzip) and browser-host cold start → first paint.
 *
 * Cold start is measured from spawning the host process to the first contentful paint of the
 * terminal in Chromium (already running), so it includes Node start, service wiring, serving,
 * parsing and the first React render. Targets: ≤ 250 KB gzip JS, first paint ≤ 1 s.
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

async function coldStart(browser: Awaited<ReturnType<typeof chromium.launch>>): Promise<{ toUrl: number; toPaint: number; toInteractive: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'counter-bench-'));
  const startedAt = Date.now();
  const host = spawn(process.execPath, ['dist/main/host.js', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    let url = '';
    for await (const line of createInterface({ input: host.stdout })) {
      url = /^Counter is running at (\S+)$/.exec(line)?.[1] ?? '';
      if (url) break;
    }
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
    host.kill('SIGTERM');
    await once(host, 'exit');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const sizes = bundleSizes();
console.log(`Renderer JS bundle: ${(sizes.raw / 1024).toFixed(1)} KB raw, ${(sizes.gzip / 1024).toFixed(1)} KB gzip (target ≤ 250 KB gzip: ${(sizes.gzip / 1024 / 250).toFixed(2)}× of budget)`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const samples: Awaited<ReturnType<typeof coldStart>>[] = [];
for (let run = 0; run < runs; run++) samples.push(await coldStart(browser));
await browser.close();

printTable(`Browser host cold start, ${runs} runs (ms from spawning the host)`, ['address printed', 'first paint', 'sale screen interactive'], [
  ['p50', ...(['toUrl', 'toPaint', 'toInteractive'] as const).map((key) => percentile(samples.map((s) => s[key]), 50))],
  ['max', ...(['toUrl', 'toPaint', 'toInteractive'] as const).map((key) => Math.max(...samples.map((s) => s[key])))],
]);
const paintP50 = percentile(samples.map((s) => s.toPaint), 50);
console.log(`First paint p50 ${paintP50.toFixed(0)} ms against the 1,000 ms target (${(paintP50 / 1000).toFixed(2)}× of budget)`);
