/** An exit distance from settings: ticks (one ladder row), price points, or percent of the entry. */
export interface ExitDistanceView {
  readonly value: number;
  readonly unit: 'ticks' | 'points' | 'percent';
}

/** settings.json's `ladder` section as windows see it (system info). */
export interface LadderSettingsView {
  /** Most lots one click or key may send; the instrument's freeze quantity caps it further. */
  readonly maxLots: number;
  /** Exits attached to every manual entry unless the trader changes them in the window. */
  readonly exits: {
    readonly takeProfit: ExitDistanceView | null;
    readonly stopLoss: ExitDistanceView | null;
    /** The stop-loss trails the best price at its distance. */
    readonly trailing: boolean;
  };
}
