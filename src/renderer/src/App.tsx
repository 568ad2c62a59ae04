import { useEffect, useState } from 'react';
import { Shell } from './shell/Shell';
import { WINDOW_KINDS, currentRoute } from './shell/windowKinds';
import type { WindowRoute } from './shell/windowKinds';
import { AnalyticsWindow } from './windows/AnalyticsWindow';
import { AutoWindow } from './windows/AutoWindow';
import { ChainWindow } from './windows/ChainWindow';
import { BrokerWindow } from './windows/BrokerWindow';
import { ChartWindow } from './windows/ChartWindow';
import { LadderWindow } from './windows/LadderWindow';
import { ReplayWindow } from './windows/ReplayWindow';
import { StatusWindow } from './windows/StatusWindow';

/** A window kind whose body a later issue builds: the shell (ARM, safety buttons, status) still works. */
function NotBuiltYet({ title }: { readonly title: string }): React.JSX.Element {
  return (
    <p className="muted" role="note">
      The {title} window is not built in this version. The header&apos;s Flatten all, Cancel all and Kill
      switch work here as in every window.
    </p>
  );
}

/** Each window is a route of this one app: #/ladder, #/replay, #/status … */
const BODIES: Partial<Record<WindowRoute, () => React.JSX.Element>> = {
  ladder: () => <LadderWindow />,
  chart: () => <ChartWindow />,
  chain: () => <ChainWindow />,
  replay: () => <ReplayWindow />,
  status: () => <StatusWindow />,
  auto: () => <AutoWindow />,
  analytics: () => <AnalyticsWindow />,
  broker: () => <BrokerWindow />,
};

export function App(): React.JSX.Element {
  const [route, setRoute] = useState(() => currentRoute());
  useEffect(() => {
    const onHash = (): void => setRoute(currentRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const title = WINDOW_KINDS.find((kind) => kind.route === route)?.title ?? 'Ladder';
  const body = BODIES[route];
  return <Shell title={title}>{body ? body() : <NotBuiltYet title={title} />}</Shell>;
}
