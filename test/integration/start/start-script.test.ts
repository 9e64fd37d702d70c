import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

function electronBinaryMissing(): boolean {
  try {
    createRequire(import.meta.url)('electron');
    return false;
  } catch {
    return true;
  }
}

describe('npm start', () => {
  it.runIf(electronBinaryMissing())(
    'serves the terminal in the browser and says why when the Electron binary is not installed',
    async () => {
      const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--data-dir', tempDir()], { stdio: ['ignore', 'pipe', 'inherit'] });
      try {
        const lines: string[] = [];
        for await (const line of createInterface({ input: child.stdout })) {
          lines.push(line);
          if (line.startsWith('Counter is running at ')) break;
        }
        expect(lines.join('\n')).toContain('Counter: starting the browser host because the Electron binary is not installed');
        const url = lines.at(-1)?.replace('Counter is running at ', '') ?? '';
        const page = await fetch(url);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('<div id="root"></div>');
      } finally {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
    120_000,
  );
});
