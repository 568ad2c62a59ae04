import { create } from 'zustand';

export type Theme = 'dark' | 'light';
const STORAGE_KEY = 'scalpdesk.theme';

function initialTheme(): Theme {
  return localStorage.getItem(STORAGE_KEY) === 'light' ? 'light' : 'dark';
}

/** Dark by default (a trading screen at 6 am); light on request, remembered per browser profile. */
export const useTheme = create<{ readonly theme: Theme }>(() => ({ theme: initialTheme() }));

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

export function toggleTheme(): void {
  const theme: Theme = useTheme.getState().theme === 'dark' ? 'light' : 'dark';
  localStorage.setItem(STORAGE_KEY, theme);
  useTheme.setState({ theme });
  applyTheme(theme);
}
