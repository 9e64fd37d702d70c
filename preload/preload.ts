/**
 * The Electron preload: exposes the contract as `window.pos` and nothing else.
 *
 * The renderer never gets `ipcRenderer`; listeners get the payload, never the Electron event.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { ipcPrefix, type PosResult } from './contract';
import { createPosApi } from './pos-api';

const pos = createPosApi({
  invoke: (channel, args) => ipcRenderer.invoke(ipcPrefix + channel, args) as Promise<PosResult<unknown>>,
  subscribe: (event, listener) => {
    const forward = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(ipcPrefix + event, forward);
    return () => ipcRenderer.off(ipcPrefix + event, forward);
  },
});

contextBridge.exposeInMainWorld('pos', pos);
