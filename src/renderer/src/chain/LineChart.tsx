import type { ChartLegendItem, ChartMarker } from './ChartFrame';
import { ChartAxes, ChartHeader, MARGIN } from './ChartFrame';
import { extentOf, linear, niceTicks } from './chartScale';
import { useWidth } from './useWidth';

export interface LineSeries extends ChartLegendItem {
  readonly points: ReadonlyArray<{ readonly x: number; readonly y: number | null }>;
}

/**
 * Lines over a shared x axis (market time or strike), in SVG. `data-drawn` on the image counts the
 * points plotted, so a test can tell a drawn chart from an empty frame.
 */
export function LineChart({
  title,
  series,
  markers = [],
  height = 270,
  xFormat,
  yFormat,
  note,
  includeZero = false,
}: {
  readonly title: string;
  readonly series: readonly LineSeries[];
  readonly markers?: readonly ChartMarker[];
  readonly height?: number;
  readonly xFormat: (value: number) => string;
  readonly yFormat: (value: number) => string;
  readonly note?: string;
  readonly includeZero?: boolean;
}): React.JSX.Element {
  const [ref, width] = useWidth<HTMLDivElement>();
  const drawn = series.map((line) => ({
    ...line,
    points: line.points.filter(
      (point): point is { x: number; y: number } => point.y !== null && Number.isFinite(point.y),
    ),
  }));
  const count = drawn.reduce((sum, line) => sum + line.points.length, 0);
  const xExtent = extentOf(drawn.flatMap((line) => line.points.map((point) => point.x)));
  const yExtent = extentOf(
    drawn.flatMap((line) => line.points.map((point) => point.y)),
    includeZero,
  );
  return (
    <figure className="chain-chart" ref={ref}>
      <ChartHeader title={title} legend={series} note={note} />
      <svg role="img" aria-label={title} width={width} height={height} data-drawn={count}>
        {xExtent && yExtent ? (
          <>
            <ChartAxes
              width={width}
              height={height}
              yExtent={yExtent}
              yFormat={yFormat}
              xTicks={niceTicks(xExtent, Math.max(2, Math.floor(width / 110)))}
              xOf={linear(xExtent, MARGIN.left, width - MARGIN.right)}
              xFormat={xFormat}
              markers={markers.filter((marker) => marker.x >= xExtent.min && marker.x <= xExtent.max)}
            />
            {drawn.map((line) => {
              const xOf = linear(xExtent, MARGIN.left, width - MARGIN.right);
              const yOf = linear(yExtent, height - MARGIN.bottom, MARGIN.top);
              const path = line.points
                .map(
                  (point, index) =>
                    `${index === 0 ? 'M' : 'L'}${xOf(point.x).toFixed(1)},${yOf(point.y).toFixed(1)}`,
                )
                .join('');
              return (
                <g key={line.name}>
                  <path
                    d={path}
                    fill="none"
                    stroke={line.color}
                    strokeWidth="1.5"
                    strokeDasharray={line.dash}
                  />
                  {line.points.length === 1 && (
                    <circle cx={xOf(line.points[0].x)} cy={yOf(line.points[0].y)} r="3" fill={line.color} />
                  )}
                </g>
              );
            })}
          </>
        ) : (
          <text x={width / 2} y={height / 2} textAnchor="middle" className="chain-empty">
            no data yet
          </text>
        )}
      </svg>
    </figure>
  );
}
