import { useEffect, useState } from 'react';
import { StatusBar } from './components/StatusBar';
import { getApi } from './store';
import { ChartWindow } from './windows/ChartWindow';
import { LadderWindow } from './windows/LadderWindow';
import { ReplayWindow } from './windows/ReplayWindow';
import { StatusWindow } from './windows/StatusWindow';

/** Each window is a route of this one app (docs/architecture.md): #/ladder, #/replay, #/status. */
const ROUTES: Record<string, { title: string; render: () => React.JSX.Element }> = {
  ladder: { title: 'Ladder', render: () => <LadderWindow /> },
  chart: { title: 'Chart', render: () => <ChartWindow /> },
  replay: { title: 'Replay', render: () => <ReplayWindow /> },
  status: { title: 'System status', render: () => <StatusWindow /> },
};

function currentRoute(): string {
  const name = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return name in ROUTES ? name : 'ladder';
}

export function App(): React.JSX.Element {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    getApi();
    const onHash = (): void => setRoute(currentRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.title = `Scalpdesk — ${ROUTES[route].title}`;
  }, [route]);
  return (
    <div className="app">
      <nav className="routes">
        {Object.entries(ROUTES).map(([name, { title }]) => (
          <a key={name} href={`#/${name}`} className={name === route ? 'active' : ''}>
            {title}
          </a>
        ))}
      </nav>
      <main>{ROUTES[route].render()}</main>
      <StatusBar />
    </div>
  );
}
