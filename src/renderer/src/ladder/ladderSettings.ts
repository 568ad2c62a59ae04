import { create } from 'zustand';

/**
 * The trader's ladder settings, kept in this browser / desktop profile: the largest lots one click
 * may send, the lot presets, and the exits attached to every manual entry (TP/SL in ticks; none when
 * empty). Trailing is the engine's (hand a position over); the ladder attaches fixed TP/SL.
 */
export interface LadderSettings {
  readonly maxLots: number;
  readonly lotPresets: readonly number[];
  readonly takeProfitTicks: number | null;
  readonly stopLossTicks: number | null;
}

const STORAGE_KEY = 'scalpdesk.ladder.v1';
export const DEFAULT_LADDER_SETTINGS: LadderSettings = {
  maxLots: 100,
  lotPresets: [1, 2, 5, 10],
  takeProfitTicks: null,
  stopLossTicks: null,
};

function load(): LadderSettings {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<LadderSettings>;
    return { ...DEFAULT_LADDER_SETTINGS, ...saved };
  } catch {
    return DEFAULT_LADDER_SETTINGS;
  }
}

export const useLadderSettings = create<LadderSettings>(() => load());

export function updateLadderSettings(changes: Partial<LadderSettings>): void {
  useLadderSettings.setState(changes);
  localStorage.setItem(STORAGE_KEY, JSON.stringify(useLadderSettings.getState()));
}

/** Lots as typed, and the value when it is valid: an invalid field refuses to trade, never guesses. */
export interface LotsEntry {
  readonly text: string;
  readonly lots: number | null;
  readonly problem: string | null;
}

export function parseLots(text: string, maxLots: number): LotsEntry {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed))
    return { text, lots: null, problem: `Lots: "${text}" is not a whole number (1–${maxLots})` };
  const lots = Number(trimmed);
  if (lots < 1) return { text, lots: null, problem: `Lots: ${lots} is below the minimum 1` };
  if (lots > maxLots) return { text, lots: null, problem: `Lots: ${lots} is above the maximum ${maxLots}` };
  return { text, lots, problem: null };
}

export const useLots = create<LotsEntry>(() => ({ text: '1', lots: 1, problem: null }));
