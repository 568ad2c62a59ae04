/**
 * Views of the auto-trade window (issue 13): the preset editor built from the engine's preset schema,
 * the gate board and session figures of the live engine. Money in minor units like every view.
 */

/** A value a preset field can hold: numbers, switches, a choice, or a list of choices. */
export type ConfigValue = number | boolean | string | string[];

/** One editable preset field, described from the schema: its range or choices travel with it. */
export interface ConfigFieldView {
  /** Dotted path in the preset's params, e.g. `gates.minScore.minScore`. */
  readonly path: string;
  /** The first path segment (indicators, gates, exits …): the editor's section. */
  readonly group: string;
  readonly kind: 'number' | 'integer' | 'boolean' | 'choice' | 'list';
  /** Inclusive bounds, or null when open. */
  readonly min: number | null;
  readonly max: number | null;
  /** Exclusive lower bound (a `positive` field): the value must be above it. */
  readonly above: number | null;
  /** For `choice`: the allowed values; for `list`: the values an entry may take. */
  readonly options: ReadonlyArray<string | number>;
  /** The value in the preset version shown. */
  readonly value: ConfigValue;
}

export interface PresetVersionView {
  readonly name: string;
  readonly version: number;
  readonly hash: string;
  readonly description: string;
  /** Shipped with the app (resources/presets) or saved by the trader in the data folder. */
  readonly origin: 'built-in' | 'saved';
}

export interface EngineConfigView {
  readonly preset: PresetVersionView;
  /** The version the running engine uses. */
  readonly inUse: { readonly name: string; readonly version: number; readonly hash: string };
  readonly fields: readonly ConfigFieldView[];
}

export interface SaveConfigResultView {
  readonly saved: PresetVersionView;
  /** True when the running engine now uses the saved version. */
  readonly applied: boolean;
  /** Why it is not in use yet, when `applied` is false. */
  readonly detail: string | null;
}

/** One gate on the board: its latest verdict with the value it measured and the limit. */
export interface GateRowView {
  readonly name: string;
  readonly verdict: 'pass' | 'block' | 'disabled' | 'not evaluated';
  readonly value: number | string | boolean | null;
  readonly threshold: number | string | boolean | null;
  readonly detail: string | null;
}

export interface AutoPositionView {
  readonly symbol: string;
  readonly ownership: 'auto' | 'handedOver';
  readonly quantity: number;
  readonly averagePrice: number;
  readonly markPrice: number | null;
  /** Minor currency units. */
  readonly unrealisedPnl: number;
  readonly trailingStage: number;
  readonly trailingStageName: string;
  readonly stopPrice: number | null;
  readonly entryUs: number;
  /** When the time exit closes it (µs, market time), or null with the time exit off. */
  readonly timeExitAtUs: number | null;
  readonly exiting: boolean;
}

/** The auto-trade window's live panel: published with the engine status, at most once per frame. */
export interface AutoPanelView {
  /** Market time of this view (µs): countdowns are measured from it. */
  readonly nowUs: number;
  readonly regime: string;
  readonly packs: readonly string[];
  /** The latest entry evaluation's verdict per gate; every gate is listed. */
  readonly gates: readonly GateRowView[];
  /** When those verdicts were taken (µs), or null before the first evaluation. */
  readonly gatesAtUs: number | null;
  readonly positions: readonly AutoPositionView[];
  readonly session: {
    readonly currency: string;
    /** Realised plus unrealised, minor units. */
    readonly dayPnl: number;
    readonly peakDayPnl: number;
    /** Fall of day P&L from its peak, minor units, ≥ 0. */
    readonly drawdownFromPeak: number;
    readonly tradesToday: number;
    /** Null when the trades-per-day gate is off. */
    readonly tradesLeft: number | null;
    readonly consecutiveLosses: number;
    readonly maxConsecutiveLosses: number | null;
    /** Entries left today per regime under the regime budget (null when the gate is off). */
    readonly regimeBudgetLeft: Readonly<Record<string, number | null>>;
    readonly dayLockedReason: string | null;
  };
}

/** A decision's full record, as the engine wrote it to the ledger (indicators, options context …). */
export interface DecisionRecordView {
  readonly decisionId: string;
  /** The indicator snapshot (nested: velocity windows, bar studies …). */
  readonly indicators: Readonly<Record<string, unknown>>;
  readonly optionsContext: Readonly<Record<string, unknown>> | null;
  readonly selection: Readonly<Record<string, unknown>> | null;
  readonly sizing: Readonly<Record<string, unknown>> | null;
  readonly exit: Readonly<Record<string, unknown>> | null;
  readonly signalsConsidered: ReadonlyArray<Readonly<Record<string, unknown>>>;
  readonly orders: readonly string[];
  readonly preset: { readonly name: string; readonly version: number };
}
