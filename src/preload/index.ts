import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';

/**
 * The only thing the renderer gets from Node (the "secure by default" principle): one small frozen object
 * that sends API envelopes to main and delivers main's replies and events. ipcRenderer itself is never
 * exposed; main validates every envelope, so this bridge carries no trust of its own.
 */
const CHANNEL_TO_MAIN = 'scalpdesk:api';
const CHANNEL_FROM_MAIN = 'scalpdesk:api-reply';

const bridge = Object.freeze({
  transport: 'ipc' as const,
  send(message: unknown): void {
    ipcRenderer.send(CHANNEL_TO_MAIN, message);
  },
  onMessage(listener: (message: unknown) => void): () => void {
    const wrapped = (_event: IpcRendererEvent, message: unknown): void => listener(message);
    ipcRenderer.on(CHANNEL_FROM_MAIN, wrapped);
    return () => {
      ipcRenderer.removeListener(CHANNEL_FROM_MAIN, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('scalpdesk', bridge);
