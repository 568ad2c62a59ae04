import type { ChartLegendItem, ChartMarker } from './ChartFrame';
import { ChartAxes, ChartHeader, MARGIN } from './ChartFrame';
import { extentOf, linear } from './chartScale';
import { useWidth } from './useWidth';

export interface BarSeries extends ChartLegendItem {
  readonly values: readonly number[];
}

/**
 * Bars per strike, the series side by side within a strike, negative values below the zero line.
 * Markers (spot, max pain, walls) are drawn at their strike; the highlighted strike gets a band.
 */
export function BarChart({
  title,
  strikes,
  series,
  markers = [],
  height = 270,
  yFormat,
  note,
}: {
  readonly title: string;
  readonly strikes: readonly number[];
  readonly series: readonly BarSeries[];
  readonly markers?: readonly ChartMarker[];
  readonly height?: number;
  readonly yFormat: (value: number) => string;
  readonly note?: string;
}): React.JSX.Element {
  const [ref, width] = useWidth<HTMLDivElement>();
  const yExtent = extentOf(
    series.flatMap((bars) => bars.values),
    true,
  );
  const count = series.reduce((sum, bars) => sum + bars.values.filter((value) => value !== 0).length, 0);
  const first = strikes[0];
  const last = strikes.at(-1);
  const step = strikes.length > 1 && last !== undefined ? (last - first) / (strikes.length - 1) : 1;
  const xExtent = last === undefined ? null : { min: first - step / 2, max: last + step / 2 };
  const labelEvery = Math.max(1, Math.ceil((strikes.length * 48) / Math.max(1, width - MARGIN.left)));
  return (
    <figure className="chain-chart" ref={ref}>
      <ChartHeader title={title} legend={series} note={note} />
      <svg role="img" aria-label={title} width={width} height={height} data-drawn={count}>
        {xExtent && yExtent ? (
          (() => {
            const xOf = linear(xExtent, MARGIN.left, width - MARGIN.right);
            const yOf = linear(yExtent, height - MARGIN.bottom, MARGIN.top);
            const slot = Math.max(1, (xOf(first + step) - xOf(first)) * 0.8);
            const barWidth = slot / Math.max(1, series.length);
            return (
              <>
                <ChartAxes
                  width={width}
                  height={height}
                  yExtent={yExtent}
                  yFormat={yFormat}
                  xTicks={strikes.filter((_, index) => index % labelEvery === 0)}
                  xOf={xOf}
                  xFormat={(strike) => String(strike)}
                  markers={markers}
                />
                {series.map((bars, seriesIndex) =>
                  bars.values.map((value, index) => {
                    if (value === 0 || !Number.isFinite(value)) return null;
                    const x = xOf(strikes[index]) - slot / 2 + seriesIndex * barWidth;
                    const top = Math.min(yOf(value), yOf(0));
                    return (
                      <rect
                        key={`${bars.name}${strikes[index]}`}
                        x={x}
                        y={top}
                        width={Math.max(1, barWidth - 0.5)}
                        height={Math.max(1, Math.abs(yOf(value) - yOf(0)))}
                        fill={bars.color}
                      >
                        <title>{`${bars.name} ${strikes[index]}: ${yFormat(value)}`}</title>
                      </rect>
                    );
                  }),
                )}
              </>
            );
          })()
        ) : (
          <text x={width / 2} y={height / 2} textAnchor="middle" className="chain-empty">
            no data yet
          </text>
        )}
      </svg>
    </figure>
  );
}
