import { CANDLE_INTERVAL_SECONDS } from '../../../shared/api/schemas';

const INTERVAL_NAMES: Record<number, string> = { 1: '1s', 5: '5s', 15: '15s', 60: '1m', 300: '5m' };

/** The chart's interval buttons (1 s … 5 m), the chosen one pressed. */
export function IntervalPicker(props: {
  readonly interval: number;
  readonly onChange: (seconds: number) => void;
}): React.JSX.Element {
  return (
    <span className="intervals" role="group" aria-label="Interval">
      {CANDLE_INTERVAL_SECONDS.map((seconds) => (
        <button
          key={seconds}
          type="button"
          aria-pressed={props.interval === seconds}
          onClick={() => props.onChange(seconds)}
        >
          {INTERVAL_NAMES[seconds]}
        </button>
      ))}
    </span>
  );
}
