import { ArmSwitch } from './ArmSwitch';
import { SafetyButtons } from './SafetyButtons';
import { toggleTheme, useTheme } from './theme';
import { WindowMenu } from './WindowMenu';

/**
 * Every window's header: the Window menu, this window's title, ARM, and the safety buttons (Flatten
 * all, Cancel all, Kill switch) — always in the same place, whatever the window.
 */
export function Header({
  title,
  onHelp,
}: {
  readonly title: string;
  readonly onHelp: () => void;
}): React.JSX.Element {
  const theme = useTheme((state) => state.theme);
  return (
    <header className="shell-header">
      <WindowMenu />
      <h1 className="window-title">{title}</h1>
      <ArmSwitch />
      <SafetyButtons />
      <div className="header-tools">
        <button
          type="button"
          aria-label={theme === 'dark' ? 'Light theme' : 'Dark theme'}
          title="Switch theme"
          onClick={toggleTheme}
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
        <button type="button" aria-label="Hotkeys" title="Hotkeys (?)" onClick={onHelp}>
          ?
        </button>
      </div>
    </header>
  );
}
