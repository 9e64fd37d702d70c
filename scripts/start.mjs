// `npm start`: builds when the sources are newer than the build, then launches Electron; where the
// Electron binary is not installed (or with --host), serves the terminal to a browser instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outputs = ['dist/renderer/index.html', 'dist/main/host.js', 'dist/main/electron-main.js', 'dist/preload/preload.cjs'].map((file) => join(root, file));
const sources = ['main', 'preload', 'renderer', 'package.json', 'vite.renderer.config.ts', 'vite.main.config.ts', 'vite.preload.config.ts'];

function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

function buildIfNeeded() {
  const built = outputs.every(existsSync) && Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  if (built && built >= Math.max(...sources.map((source) => newestChange(join(root, source))))) return;
  console.log('Counter: building (sources changed since the last build)…');
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The Electron binary's path, or why there is none. */
function findElectron() {
  try {
    const binary = createRequire(import.meta.url)('electron');
    return existsSync(binary) ? { binary } : { reason: `the Electron binary is missing at ${binary}` };
  } catch (error) {
    return { reason: `the Electron binary is not installed (${error.message.split('\n')[0]})` };
  }
}

buildIfNeeded();
const args = process.argv.slice(2);
const hostAsked = args.includes('--host');
const electron = hostAsked ? { reason: 'the browser host was asked for with --host' } : findElectron();

if (electron.binary) {
  const child = spawn(electron.binary, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Counter: starting the browser host because ${electron.reason}. Open the address below in a browser.`);
  process.argv = [process.argv[0], join(root, 'dist/main/host.js'), ...args.filter((arg) => arg !== '--host')];
  await import(join(root, 'dist/main/host.js'));
}
