import type { BarSeries } from './BarChart';
import { ChartHeader } from './ChartFrame';
import { useWidth } from './useWidth';

const STRIKE_COLUMN = 56;

/**
 * An OI butterfly: one row per strike, puts to the left of the strike column and calls to the right,
 * both on one scale so the wings compare. The ATM strike's row is outlined.
 */
export function ButterflyChart({
  title,
  strikes,
  left,
  right,
  atmStrike,
  format,
  height = 420,
}: {
  readonly title: string;
  readonly strikes: readonly number[];
  readonly left: BarSeries;
  readonly right: BarSeries;
  readonly atmStrike: number | null;
  readonly format: (value: number) => string;
  readonly height?: number;
}): React.JSX.Element {
  const [ref, width] = useWidth<HTMLDivElement>(400);
  const largest = Math.max(1, ...left.values.map(Math.abs), ...right.values.map(Math.abs));
  const rowHeight = height / Math.max(1, strikes.length);
  const wing = (width - STRIKE_COLUMN) / 2;
  const centre = wing + STRIKE_COLUMN / 2;
  const labelEvery = Math.max(1, Math.ceil(11 / rowHeight));
  const count = [...left.values, ...right.values].filter((value) => value !== 0).length;
  // Strikes top-down from the highest, as a ladder reads.
  const rows = strikes.map((strike, index) => ({ strike, index })).reverse();
  return (
    <figure className="chain-chart" ref={ref}>
      <ChartHeader title={title} legend={[left, right]} note={`scale ±${format(largest)}`} />
      <svg role="img" aria-label={title} width={width} height={height} data-drawn={count}>
        {rows.map(({ strike, index }, row) => {
          const y = row * rowHeight;
          const leftValue = left.values[index] ?? 0;
          const rightValue = right.values[index] ?? 0;
          const leftLength = (Math.abs(leftValue) / largest) * (wing - 4);
          const rightLength = (Math.abs(rightValue) / largest) * (wing - 4);
          return (
            <g key={strike}>
              {strike === atmStrike && (
                <rect x={0} y={y} width={width} height={rowHeight} className="chain-atm-band" />
              )}
              <rect
                x={wing - leftLength}
                y={y + rowHeight * 0.1}
                width={leftLength}
                height={Math.max(1, rowHeight * 0.8)}
                fill={left.color}
                opacity={leftValue < 0 ? 0.45 : 1}
              >
                <title>{`${left.name} ${strike}: ${format(leftValue)}`}</title>
              </rect>
              <rect
                x={wing + STRIKE_COLUMN}
                y={y + rowHeight * 0.1}
                width={rightLength}
                height={Math.max(1, rowHeight * 0.8)}
                fill={right.color}
                opacity={rightValue < 0 ? 0.45 : 1}
              >
                <title>{`${right.name} ${strike}: ${format(rightValue)}`}</title>
              </rect>
              {(row % labelEvery === 0 || strike === atmStrike) && (
                <text x={centre} y={y + rowHeight / 2 + 4} textAnchor="middle" className="chain-strike-label">
                  {strike}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
