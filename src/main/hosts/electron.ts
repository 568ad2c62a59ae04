import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, screen, session } from 'electron';
import type { IpcMainEvent, WebContents } from 'electron';
import { ApiError } from '../../shared/api/errors';
import type { ApiConnection } from '../../shared/api/router';
import type { ServerMessage } from '../../shared/api/wire';
import { APP_VERSION, builtPaths } from '../platform/appInfo';
import { loadSettings, saveSettings } from '../platform/settings';
import type { Settings } from '../platform/settings';
import { exportBrokerSecrets, loadBrokerSecretsFromStore, saveBrokerSecrets } from './brokerSecretStore';
import { startWorkstation } from './workstation';
import type { Workstation } from './workstation';
import {
  contentSecurityPolicy,
  devServerUrl,
  devToolsAllowed,
  isAllowedRequest,
  permissionAllowed,
} from './security';
import { isTrustedSender } from './senderPolicy';
import { restoreBounds, routeOfKey, windowKey, windowsToReopen } from './windowState';

/** The windows a trader can open; each is a route of the one renderer app. */
const WINDOW_ROUTES = {
  ladder: 'Ladder',
  chart: 'Chart',
  auto: 'Auto',
  chain: 'Chain',
  analytics: 'Analytics',
  replay: 'Replay',
  status: 'Status',
  broker: 'Broker',
} as const;
type WindowRoute = keyof typeof WINDOW_ROUTES;

/**
 * The route a window.open from our renderer asks for (its header's Window menu, the chain's "open in
 * a ladder"), or null for any other URL: only our own page with a known `#/route` opens a window;
 * everything else stays denied. The one parameter carried over is a well-formed `symbol`.
 */
function requestedRoute(url: string): { readonly route: WindowRoute; readonly query: string } | null {
  const [page, hash = ''] = url.split('#');
  const ours =
    page === rendererUrl ||
    (process.env.ELECTRON_RENDERER_URL && page.startsWith(process.env.ELECTRON_RENDERER_URL));
  const route = hash.replace(/^\//, '').split(/[/?]/)[0];
  if (!ours || !(route in WINDOW_ROUTES)) return null;
  const symbol = new URLSearchParams(hash.split('?')[1] ?? '').get('symbol');
  const query = symbol !== null && /^[A-Za-z0-9._:-]{1,64}$/.test(symbol) ? `?symbol=${symbol}` : '';
  return { route: route as WindowRoute, query };
}

const CHANNEL_TO_MAIN = 'scalpdesk:api';
const CHANNEL_FROM_MAIN = 'scalpdesk:api-reply';
const rendererIndex = path.join(builtPaths.rendererDir, 'index.html');
const rendererUrl = new URL(`file://${rendererIndex}`).href;
/** The dev server (`npm run dev`) — never in a packaged build (issue 10 item 7). */
const devServer = devServerUrl(app.isPackaged, process.env.ELECTRON_RENDERER_URL);
const devTools = devToolsAllowed(app.isPackaged);

function dataDirFromArgs(): string | undefined {
  const index = process.argv.indexOf('--data-dir');
  return index !== -1 ? process.argv[index + 1] : undefined;
}

let workstation: Workstation | null = null;
let settings: Settings;
let dataDir: string;
const connections = new Map<number, ApiConnection>();
const windowsByRoute = new Map<WindowRoute, Set<BrowserWindow>>();
/** Settings keys of the open windows (`ladder`, `ladder-2`…): each window's own saved bounds. */
const openKeys = new Set<string>();
/** Set once the app is quitting: windows closing then stay "open" for the next start. */
let quitting = false;

function senderIsTrusted(event: IpcMainEvent): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  return isTrustedSender(
    { frameUrl: frame.url, isMainFrame: frame === event.sender.mainFrame },
    rendererUrl,
    devServer,
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

function rememberBounds(key: string, window: BrowserWindow, open: boolean): void {
  if (window.isDestroyed()) return;
  const bounds = window.getNormalBounds();
  const display = screen.getDisplayMatching(bounds);
  settings = {
    ...settings,
    windows: {
      ...settings.windows,
      [key]: { ...bounds, displayId: display.id, maximized: window.isMaximized(), open },
    },
  };
  saveSettings(dataDir, settings);
}

/** Opens a window of `route` (with `query`, e.g. `?symbol=…`) and its own saved bounds (`key`; the next free one for a new window). */
export function openWindow(route: WindowRoute, query = '', key = windowKey(route, openKeys)): BrowserWindow {
  openKeys.add(key);
  const saved = settings.windows[key];
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
      devTools,
    },
  });
  if (saved?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    const requested = requestedRoute(url);
    if (requested) openWindow(requested.route, requested.query);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  let saveTimer: NodeJS.Timeout | undefined;
  const scheduleSave = (): void => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => rememberBounds(key, window, true), 400);
  };
  window.on('move', scheduleSave);
  window.on('resize', scheduleSave);
  // Closed by the trader: not reopened next time; open when the app quits: reopened where it was.
  window.on('close', () => {
    clearTimeout(saveTimer);
    rememberBounds(key, window, quitting);
  });
  window.on('closed', () => openKeys.delete(key));
  let set = windowsByRoute.get(route);
  if (!set) windowsByRoute.set(route, (set = new Set()));
  set.add(window);
  window.on('closed', () => set.delete(window));

  if (devServer) void window.loadURL(`${devServer}#/${route}${query}`);
  else void window.loadFile(rendererIndex, { hash: `/${route}${query}` });
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
          // Reload and DevTools (and their shortcuts, which come from these roles) only in development.
          ...(devTools ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
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
  // Broker secrets kept with the OS keychain reach the core worker through its inherited environment.
  exportBrokerSecrets(loadBrokerSecretsFromStore(dataDir, safeStorage), process.env);

  // No remote content, ever: every request that is not one of the app's own files is cancelled.
  const requestPolicy = { rendererDir: builtPaths.rendererDir, devServerUrl: devServer, devTools };
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, requestPolicy) });
  });
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(permissionAllowed()),
  );
  session.defaultSession.setPermissionCheckHandler(() => permissionAllowed());

  workstation = await startWorkstation({
    dataDir,
    workerDir: builtPaths.workerDir,
    host: 'electron',
    version: APP_VERSION,
    settings,
    log: (level, message) => (level === 'error' ? console.error(message) : console.log(message)),
    onFatal: (error) => failStartup(error),
    // Keys typed in the Broker settings window: encrypted by the OS keychain, used from the next start.
    saveBrokerSecrets: (secrets) =>
      saveBrokerSecrets(
        dataDir,
        { ...loadBrokerSecretsFromStore(dataDir, safeStorage), ...secrets },
        safeStorage,
      ),
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
  // The windows open when the app last quit, each on its own display and bounds; else one ladder.
  for (const key of windowsToReopen(settings.windows, (route) => route in WINDOW_ROUTES))
    openWindow(routeOfKey(key) as WindowRoute, '', key);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow('ladder');
  });
}

// Every web contents — our windows and anything they might create — opens no window, navigates
// nowhere and attaches no <webview>; in a packaged build DevTools are closed should they ever open.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (!devTools) contents.on('devtools-opened', () => contents.closeDevTools());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('before-quit', () => {
  quitting = true;
});
app.on('will-quit', (event) => {
  if (!workstation) return;
  event.preventDefault();
  const closing = workstation;
  workstation = null;
  void closing.close().finally(() => app.quit());
});

/** A start-up fault (README "Troubleshooting"): its one line on screen and on stderr, then exit 1. */
function failStartup(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`scalpdesk: ${message}`);
  dialog.showErrorBox('Scalpdesk cannot start', message);
  app.exit(1);
}

main().catch(failStartup);
