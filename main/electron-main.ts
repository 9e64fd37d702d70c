/**
 * The Electron entry: one hardened window over the terminal's services.
 *
 * The only module (with main/electron/, which only it imports) that imports `electron`.
 */
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import ElectronStore from 'electron-store';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../package.json';
import { securityHeaders } from './content-security-policy';
import { appOrigin, registerIpc } from './electron/ipc';
import { openPrivateLog, preparePrivateDataDir } from './data-dir';
import { createLogger } from './log';
import { contentTypeOf, resolveRendererFile } from './renderer-files';
import { keytarSecretStore } from './secrets/secret-store';
import { openConfBacking } from './settings/conf-backing';
import { createTerminal } from './terminal';

const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  preparePrivateDataDir(dataDir);
  const logFile = openPrivateLog(dataDir);
  const logger = createLogger((line) => logFile.write(line));
  const settingsFile = openConfBacking(() => new ElectronStore<Record<string, unknown>>({ name: 'settings' }), join(dataDir, 'settings.json'));
  const terminal = createTerminal({ settingsFile, journalPath: join(dataDir, 'journal.sqlite'), secrets: keytarSecretStore(process.env.COUNTER_KEYCHAIN_SERVICE), logger, version, host: 'electron' });

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  protocol.handle('app', async (request) => {
    const file = resolveRendererFile(rendererDir, new URL(request.url).pathname.slice(1));
    if (!file) return new Response('not found', { status: 404, headers: securityHeaders });
    try {
      return new Response(await readFile(file), { headers: { ...securityHeaders, 'Content-Type': contentTypeOf(file) } });
    } catch {
      return new Response('not found', { status: 404, headers: securityHeaders });
    }
  });

  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Counter',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window.show());
  registerIpc(ipcMain, window, terminal.dispatch, terminal.events, logger);

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => void terminal.close());

  await window.loadURL(`${appOrigin}/index.html`);
}
