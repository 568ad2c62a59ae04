import { create } from 'zustand';
import type { LadderSettingsView } from '../../../shared/api/ladderSettingsViews';
import type { ExitUnit } from './ladderLimits';

export type { ExitUnit } from './ladderLimits';
export { exitTicks, lotLimit, parseLots } from './ladderLimits';

/**
 * The ladder's order settings. The largest lots one click may send and the default exits come from
 * settings.json (system info); the exits the trader changes in the window are kept in this browser
 * / desktop profile and win over the file's until cleared.
 */
export interface LadderSettings {
  readonly maxLots: number;
  readonly lotPresets: readonly number[];
  /** Unit of both exit distances: ticks (one row), price points, or percent of the entry. */
  readonly exitUnit: ExitUnit;
  readonly takeProfit: number | null;
  readonly stopLoss: number | null;
  /** The stop-loss trails the best price at its distance. */
  readonly trailing: boolean;
}

type ExitChoice = Pick<LadderSettings, 'exitUnit' | 'takeProfit' | 'stopLoss' | 'trailing'>;

const STORAGE_KEY = 'scalpdesk.ladder.v2';
export const DEFAULT_LADDER_SETTINGS: LadderSettings = {
  maxLots: 100,
  lotPresets: [1, 2, 5, 10],
  exitUnit: 'ticks',
  takeProfit: null,
  stopLoss: null,
  trailing: false,
};

function loadProfileExits(): Partial<ExitChoice> {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<ExitChoice>;
  } catch {
    return {};
  }
}

export const useLadderSettings = create<LadderSettings>(() => ({
  ...DEFAULT_LADDER_SETTINGS,
  ...loadProfileExits(),
}));

/** settings.json's ladder section (system info), under the exits this profile changed. */
export function applyConfiguredLadder(configured: LadderSettingsView): void {
  const { takeProfit, stopLoss, trailing } = configured.exits;
  useLadderSettings.setState({
    maxLots: configured.maxLots,
    exitUnit: takeProfit?.unit ?? stopLoss?.unit ?? 'ticks',
    takeProfit: takeProfit?.value ?? null,
    stopLoss: stopLoss?.value ?? null,
    trailing,
    ...loadProfileExits(),
  });
}

export function updateExits(changes: Partial<ExitChoice>): void {
  useLadderSettings.setState(changes);
  const { exitUnit, takeProfit, stopLoss, trailing } = useLadderSettings.getState();
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ exitUnit, takeProfit, stopLoss, trailing }));
}

export const useLots = create<{ readonly text: string }>(() => ({ text: '1' }));
