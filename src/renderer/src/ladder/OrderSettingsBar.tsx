import { useState } from 'react';
import { parseLots, updateLadderSettings, useLadderSettings, useLots } from './ladderSettings';

/** A tick distance field: empty = none; anything else must be a whole number 1–10,000. */
function parseTicks(text: string): { value: number | null; problem: string | null } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null, problem: null };
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > 10_000)
    return { value: null, problem: `"${text}" is not a whole number of ticks (1–10,000)` };
  return { value: Number(trimmed), problem: null };
}

function TicksField({
  label,
  value,
  onValid,
}: {
  readonly label: string;
  readonly value: number | null;
  readonly onValid: (value: number | null) => void;
}): React.JSX.Element {
  const [text, setText] = useState(value === null ? '' : String(value));
  const parsed = parseTicks(text);
  return (
    <label
      className="field"
      title={parsed.problem ?? `${label} attached to every manual entry, in ticks (empty: none)`}
    >
      {label}
      <input
        inputMode="numeric"
        aria-label={`${label} ticks`}
        aria-invalid={parsed.problem !== null}
        placeholder="—"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          const next = parseTicks(event.target.value);
          if (!next.problem) onValid(next.value);
        }}
      />
    </label>
  );
}

/**
 * Lots (preset buttons and a field checked against 1…max: out-of-range input is refused with a
 * message, never changed silently) and the exits attached to each manual entry (TP/SL in ticks).
 */
export function OrderSettingsBar({ lotSize }: { readonly lotSize: number | null }): React.JSX.Element {
  const settings = useLadderSettings();
  const lots = useLots();
  const setText = (text: string): void => useLots.setState(parseLots(text, settings.maxLots));
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
          value={lots.text}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <span className="muted num" title="quantity sent per order">
        {lots.lots !== null && lotSize !== null ? `= ${lots.lots * lotSize} qty` : ''}
      </span>
      <TicksField
        label="TP"
        value={settings.takeProfitTicks}
        onValid={(value) => updateLadderSettings({ takeProfitTicks: value })}
      />
      <TicksField
        label="SL"
        value={settings.stopLossTicks}
        onValid={(value) => updateLadderSettings({ stopLossTicks: value })}
      />
      {lots.problem && (
        <span id="lots-problem" className="field-problem" role="alert" data-testid="lots-problem">
          {lots.problem} — orders are refused until it is fixed
        </span>
      )}
    </div>
  );
}
