import { useEffect, useState } from 'react';
import { getApi, useWorkstation, watchTrading } from '../store';
import { applyConfiguredHotkeys } from './hotkeys';
import { Header } from './Header';
import { HostLossBanner } from './HostLossBanner';
import { HotkeyOverlay } from './HotkeyOverlay';
import { StatusBar } from './StatusBar';
import { applyTheme, useTheme } from './theme';
import { useHotkeys } from './useHotkeys';

/**
 * The frame of every window (ladder, chart, auto, chain, analytics, replay, status): header with the
 * Window menu, ARM and the safety buttons; the host-loss banner; the body; the status bar. Orders,
 * groups and the engine's status are watched once here, for every window.
 */
export function Shell({
  title,
  children,
}: {
  readonly title: string;
  readonly children: React.ReactNode;
}): React.JSX.Element {
  const [help, setHelp] = useState(false);
  const theme = useTheme((state) => state.theme);
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    getApi();
    return watchTrading();
  }, []);
  useEffect(() => {
    document.title = `Scalpdesk — ${title}`;
  }, [title]);
  // settings.json's hotkeys (system info) under this profile's own changes.
  const configuredHotkeys = useWorkstation((state) => state.info?.hotkeys);
  useEffect(() => {
    if (configuredHotkeys) applyConfiguredHotkeys(configuredHotkeys);
  }, [configuredHotkeys]);
  useHotkeys({ help: () => setHelp((shown) => !shown) });
  return (
    <div className="app">
      <Header title={title} onHelp={() => setHelp(true)} />
      <HostLossBanner />
      <main>{children}</main>
      <StatusBar />
      {help && <HotkeyOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}
