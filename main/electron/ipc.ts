/**
 * Registers every contract channel on Electron IPC and forwards terminal events to the window.
 * The only place in main that touches `ipcMain`.
 */
import type { BrowserWindow, IpcMain, WebFrameMain } from 'electron';
import { channelNames, ipcPrefix, type PosResult } from '../../preload/contract';
import type { Dispatch } from '../ipc/dispatch';
import type { EventBus } from '../ipc/event-bus';
import type { Logger } from '../log';

export const appOrigin = 'app://counter';

export function registerIpc(ipcMain: IpcMain, window: BrowserWindow, dispatch: Dispatch, events: EventBus, logger: Logger): void {
  for (const channel of channelNames) {
    ipcMain.handle(ipcPrefix + channel, (event, args: unknown): Promise<PosResult<unknown>> | PosResult<never> => {
      if (!isOurMainFrame(event.senderFrame, window)) {
        logger.log('warn', 'ipc call from an untrusted frame refused', { channel, url: event.senderFrame?.url });
        return { ok: false, error: { code: 'FORBIDDEN', message: 'calls are accepted only from the terminal window' } };
      }
      return dispatch(channel, args);
    });
  }
  events.subscribe((event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(ipcPrefix + event, payload);
  });
}

function isOurMainFrame(frame: WebFrameMain | null, window: BrowserWindow): boolean {
  return frame !== null && frame === window.webContents.mainFrame && new URL(frame.url).origin === appOrigin;
}
