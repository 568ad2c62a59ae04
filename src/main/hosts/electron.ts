import path from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, screen, session } from 'electron';
import type { IpcMainEvent, WebContents } from 'electron';
import { ApiError } from '../../shared/api/errors';
import type { ApiConnection } from '../../shared/api/router';
import type { ServerMessage } from '../../shared/api/wire';
import { APP_VERSION, builtPaths } from '../platform/appInfo';
import { loadSettings, saveSettings } from '../platform/settings';
import type { Settings } from '../platform/settings';
import { startWorkstation } from './workstation';
import type { Workstation } from './workstation';
import { contentSecurityPolicy } from './security';
import { isTrustedSender } from './senderPolicy';
import { restoreBounds } from './windowState';

/** The windows a trader can open; each is a route of the one renderer app. */
const WINDOW_ROUTES = { ladder: 'Ladder', replay: 'Replay', status: 'System status' } as const;
type WindowRoute = keyof typeof WINDOW_ROUTES;

const CHANNEL_TO_MAIN = 'scalpdesk:api';
const CHANNEL_FROM_MAIN = 'scalpdesk:api-reply';
const rendererIndex = path.join(builtPaths.rendererDir, 'index.html');
const rendererUrl = new URL(`file://${rendererIndex}`).href;

function dataDirFromArgs(): string | undefined {
  const index = process.argv.indexOf('--data-dir');
  return index !== -1 ? process.argv[index + 1] : undefined;
}

let workstation: Workstation | null = null;
let settings: Settings;
let dataDir: string;
const connections = new Map<number, ApiConnection>();
const windowsByRoute = new Map<WindowRoute, Set<BrowserWindow>>();

function senderIsTrusted(event: IpcMainEvent): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  return isTrustedSender(
    { frameUrl: frame.url, isMainFrame: frame === event.sender.mainFrame },
    rendererUrl,
    process.env.ELECTRON_RENDERER_URL,
  );
}

function connectionFor(contents: WebContents): ApiConnection {
  let connection = connections.get(contents.id);
  if (connection) return connection;
  if (!workstation) throw new Error('workstation is not running');
  connection = workstation.router.connect(
    { connectionId: `ipc-${contents.id}`, transport: 'ipc' },
    (message: ServerMessage) => {
      if (!contents.isDestroyed()) contents.send(CHANNEL_FROM_MAIN, message);
    },
  );
  connections.set(contents.id, connection);
  contents.once('destroyed', () => {
    connections.get(contents.id)?.close();
    connections.delete(contents.id);
  });
  return connection;
}

function rememberBounds(route: WindowRoute, window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  const bounds = window.getNormalBounds();
  const display = screen.getDisplayMatching(bounds);
  settings = {
    ...settings,
    windows: {
      ...settings.windows,
      [route]: { ...bounds, displayId: display.id, maximized: window.isMaximized() },
    },
  };
  saveSettings(dataDir, settings);
}

export function openWindow(route: WindowRoute): BrowserWindow {
  const saved = settings.windows[route];
  const bounds = restoreBounds(
    saved,
    screen.getAllDisplays().map((d) => ({ id: d.id, ...d.workArea })),
    { width: 520, height: 760 },
  );
  const window = new BrowserWindow({
    ...bounds,
    title: `Scalpdesk — ${WINDOW_ROUTES[route]}`,
    backgroundColor: '#0f1115',
    show: false,
    webPreferences: {
      preload: builtPaths.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (saved?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  let saveTimer: NodeJS.Timeout | undefined;
  const scheduleSave = (): void => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => rememberBounds(route, window), 400);
  };
  window.on('move', scheduleSave);
  window.on('resize', scheduleSave);
  window.on('close', () => rememberBounds(route, window));
  let set = windowsByRoute.get(route);
  if (!set) windowsByRoute.set(route, (set = new Set()));
  set.add(window);
  window.on('closed', () => set.delete(window));

  if (process.env.ELECTRON_RENDERER_URL)
    void window.loadURL(`${process.env.ELECTRON_RENDERER_URL}#/${route}`);
  else void window.loadFile(rendererIndex, { hash: `/${route}` });
  return window;
}

function buildMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
      {
        label: 'Window',
        submenu: [
          ...Object.entries(WINDOW_ROUTES).map(([route, label]) => ({
            label: `New ${label} window`,
            click: () => openWindow(route as WindowRoute),
          })),
          { type: 'separator' as const },
          { role: 'reload' as const },
          { role: 'toggleDevTools' as const },
          { role: 'quit' as const },
        ],
      },
    ]),
  );
}

async function main(): Promise<void> {
  app.enableSandbox();
  const lock = app.requestSingleInstanceLock();
  if (!lock) {
    app.quit();
    return;
  }
  app.on('second-instance', () => openWindow('ladder'));
  await app.whenReady();

  dataDir = path.resolve(dataDirFromArgs() ?? process.env.SCALPDESK_DATA_DIR ?? app.getPath('userData'));
  settings = loadSettings(dataDir, (message) => console.warn(message));

  // No remote content, ever: every request that is not our own file is cancelled.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const allowed =
      details.url.startsWith('file://') ||
      details.url.startsWith('devtools://') ||
      (process.env.ELECTRON_RENDERER_URL !== undefined &&
        details.url.startsWith(process.env.ELECTRON_RENDERER_URL));
    callback({ cancel: !allowed });
  });
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  workstation = await startWorkstation({
    dataDir,
    workerDir: builtPaths.workerDir,
    host: 'electron',
    version: APP_VERSION,
    settings,
    log: (level, message) => (level === 'error' ? console.error(message) : console.log(message)),
  });

  ipcMain.on(CHANNEL_TO_MAIN, (event, message: unknown) => {
    if (!senderIsTrusted(event)) {
      const error = new ApiError('FORBIDDEN', 'messages are accepted only from Scalpdesk windows');
      event.sender.send(CHANNEL_FROM_MAIN, {
        t: 'error',
        id: null,
        error: error.toPayload(),
      } satisfies ServerMessage);
      return;
    }
    connectionFor(event.sender).receive(message);
  });

  buildMenu();
  openWindow('ladder');
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow('ladder');
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', (event) => {
  if (!workstation) return;
  event.preventDefault();
  const closing = workstation;
  workstation = null;
  void closing.close().finally(() => app.quit());
});

void main();
