/**
 * The kinds of window a trader can open, each a route of the one renderer app (`#/ladder` …) and,
 * in Electron, its own BrowserWindow. Several of a kind are allowed. Windows built by later issues
 * register their body in App.tsx's route table under these names.
 */
export const WINDOW_KINDS = [
  { route: 'ladder', title: 'Ladder' },
  { route: 'chart', title: 'Chart' },
  { route: 'auto', title: 'Auto' },
  { route: 'chain', title: 'Chain' },
  { route: 'analytics', title: 'Analytics' },
  { route: 'replay', title: 'Replay' },
  { route: 'status', title: 'Status' },
  { route: 'broker', title: 'Broker' },
] as const;

export type WindowRoute = (typeof WINDOW_KINDS)[number]['route'];

export function isWindowRoute(name: string): name is WindowRoute {
  return WINDOW_KINDS.some((kind) => kind.route === name);
}

/** The route of this window (`#/ladder?…` → `ladder`); the ladder when the hash names none. */
export function currentRoute(hash: string = location.hash): WindowRoute {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return isWindowRoute(name) ? name : 'ladder';
}

/**
 * Opens another window of a kind: a new browser tab on the same origin (the token cookie carries
 * over), or in Electron a new BrowserWindow — main intercepts the window.open of a known route and
 * opens a real window instead (src/main/hosts/electron.ts), everything else stays denied. `params`
 * travel in the hash (`#/ladder?symbol=…`) for the window to read.
 */
export function openWindow(route: WindowRoute, params?: Readonly<Record<string, string>>): void {
  const query = params ? `?${new URLSearchParams(params).toString()}` : '';
  const url = `${location.origin === 'null' ? location.href.split('#')[0] : `${location.origin}${location.pathname}`}#/${route}${query}`;
  window.open(url, '_blank', 'noopener');
}

/** A parameter of this window's hash (`#/ladder?symbol=X` → `X` for `symbol`), or null. */
export function routeParam(name: string, hash: string = location.hash): string | null {
  const query = hash.split('?')[1];
  return query === undefined ? null : new URLSearchParams(query).get(name);
}
