import { useEffect, useState } from 'react';
import type { InstrumentView } from '../../../shared/api/views';
import type { ExitUnit } from './ladderSettings';
import { lotLimit, parseLots, updateExits, useLadderSettings, useLots } from './ladderSettings';

const UNIT_LABEL: Record<ExitUnit, string> = { ticks: 'ticks', points: 'points', percent: '%' };

/**
 * An exit distance field: empty = none; ticks must be whole (1–10,000), points and percent any
 * positive number (percent at most 100).
 */
function parseDistance(text: string, unit: ExitUnit): { value: number | null; problem: string | null } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null, problem: null };
  const value = Number(trimmed);
  if (unit === 'ticks' && (!/^\d+$/.test(trimmed) || value < 1 || value > 10_000))
    return { value: null, problem: `"${text}" is not a whole number of ticks (1–10,000)` };
  if (unit !== 'ticks' && !(/^\d*\.?\d+$/.test(trimmed) && value > 0 && (unit === 'points' || value <= 100)))
    return {
      value: null,
      problem: `"${text}" is not a positive number of ${unit === 'points' ? 'points' : 'percent (at most 100)'}`,
    };
  return { value, problem: null };
}

function DistanceField({
  label,
  unit,
  value,
  onValid,
}: {
  readonly label: string;
  readonly unit: ExitUnit;
  readonly value: number | null;
  readonly onValid: (value: number | null) => void;
}): React.JSX.Element {
  const [text, setText] = useState(value === null ? '' : String(value));
  // Settings arriving from the host (or another unit) replace what the field shows.
  useEffect(() => setText(value === null ? '' : String(value)), [value]);
  const parsed = parseDistance(text, unit);
  return (
    <label
      className="field"
      title={parsed.problem ?? `${label} attached to every manual entry, in ${unit} (empty: none)`}
    >
      {label}
      <input
        inputMode="decimal"
        aria-label={`${label} ${unit}`}
        aria-invalid={parsed.problem !== null}
        placeholder="—"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          const next = parseDistance(event.target.value, unit);
          if (!next.problem) onValid(next.value);
        }}
      />
    </label>
  );
}

/**
 * Lots (preset buttons and a field checked against 1…max, the max from settings.json and the
 * instrument's freeze quantity: out-of-range input is refused with a message, never changed
 * silently) and the exits attached to each manual entry: TP/SL in ticks, points or percent, and a
 * trailing stop-loss. Each position's exits can then be moved on the ladder (drag TP/SL).
 */
export function OrderSettingsBar({
  instrument,
}: {
  readonly instrument: InstrumentView | undefined;
}): React.JSX.Element {
  const settings = useLadderSettings();
  const text = useLots((state) => state.text);
  const lots = parseLots(text, lotLimit(instrument ?? null, settings.maxLots));
  const setText = (next: string): void => useLots.setState({ text: next });
  return (
    <div className="order-settings" role="group" aria-label="Order size and exits">
      <div className="lot-presets" role="group" aria-label="Lot presets">
        {settings.lotPresets.map((preset) => (
          <button
            key={preset}
            type="button"
            aria-pressed={lots.lots === preset}
            aria-label={`${preset} lots`}
            onClick={() => setText(String(preset))}
          >
            {preset}
          </button>
        ))}
      </div>
      <label className="field">
        Lots
        <input
          inputMode="numeric"
          aria-label="Lots"
          aria-invalid={lots.problem !== null}
          aria-describedby="lots-problem"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <span className="muted num" title="quantity sent per order">
        {lots.lots !== null && instrument ? `= ${lots.lots * instrument.lotSize} qty` : ''}
      </span>
      <DistanceField
        key={`tp-${settings.exitUnit}`}
        label="TP"
        unit={settings.exitUnit}
        value={settings.takeProfit}
        onValid={(value) => updateExits({ takeProfit: value })}
      />
      <DistanceField
        key={`sl-${settings.exitUnit}`}
        label="SL"
        unit={settings.exitUnit}
        value={settings.stopLoss}
        onValid={(value) => updateExits({ stopLoss: value })}
      />
      <select
        aria-label="Exit unit"
        value={settings.exitUnit}
        onChange={(event) =>
          updateExits({ exitUnit: event.target.value as ExitUnit, takeProfit: null, stopLoss: null })
        }
      >
        {(Object.keys(UNIT_LABEL) as ExitUnit[]).map((unit) => (
          <option key={unit} value={unit}>
            {UNIT_LABEL[unit]}
          </option>
        ))}
      </select>
      <label className="field" title="the stop-loss follows the best price at its distance">
        <input
          type="checkbox"
          aria-label="Trailing stop-loss"
          checked={settings.trailing}
          onChange={(event) => updateExits({ trailing: event.target.checked })}
        />
        Trail
      </label>
      {lots.problem && (
        <span id="lots-problem" className="field-problem" role="alert" data-testid="lots-problem">
          {lots.problem} — orders are refused until it is fixed
        </span>
      )}
    </div>
  );
}
