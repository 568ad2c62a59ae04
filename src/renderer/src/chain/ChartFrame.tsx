import type { Extent } from './chartScale';
import { linear, niceTicks } from './chartScale';

export interface ChartLegendItem {
  readonly name: string;
  readonly color: string;
  /** SVG dash pattern, so a series is told apart without its colour. */
  readonly dash?: string;
}

export interface ChartMarker {
  readonly x: number;
  readonly label: string;
  readonly color: string;
}

/** Room for the axes' labels, px. */
export const MARGIN = { top: 8, right: 12, bottom: 20, left: 64 } as const;

/** Title and legend above a chart: names beside swatches (colour is never the only signal). */
export function ChartHeader({
  title,
  legend,
  note,
}: {
  readonly title: string;
  readonly legend: readonly ChartLegendItem[];
  readonly note?: string;
}): React.JSX.Element {
  return (
    <div className="chain-chart-header">
      <h3>{title}</h3>
      <ul className="chain-legend" aria-label={`${title} legend`}>
        {legend.map((item) => (
          <li key={item.name}>
            <svg width="18" height="8" aria-hidden="true">
              <line
                x1="0"
                y1="4"
                x2="18"
                y2="4"
                stroke={item.color}
                strokeWidth="2"
                strokeDasharray={item.dash}
              />
            </svg>
            {item.name}
          </li>
        ))}
      </ul>
      {note && <span className="chain-chart-note num">{note}</span>}
    </div>
  );
}

/** Y grid lines with their labels, the x labels, and vertical markers (spot, max pain, walls). */
export function ChartAxes({
  width,
  height,
  yExtent,
  yFormat,
  xTicks,
  xOf,
  xFormat,
  markers = [],
}: {
  readonly width: number;
  readonly height: number;
  readonly yExtent: Extent;
  readonly yFormat: (value: number) => string;
  readonly xTicks: readonly number[];
  readonly xOf: (value: number) => number;
  readonly xFormat: (value: number) => string;
  readonly markers?: readonly ChartMarker[];
}): React.JSX.Element {
  const yOf = linear(yExtent, height - MARGIN.bottom, MARGIN.top);
  return (
    <g className="chain-axes">
      {niceTicks(yExtent, 5).map((tick) => (
        <g key={`y${tick}`}>
          <line x1={MARGIN.left} x2={width - MARGIN.right} y1={yOf(tick)} y2={yOf(tick)} className="grid" />
          <text x={MARGIN.left - 4} y={yOf(tick) + 4} textAnchor="end">
            {yFormat(tick)}
          </text>
        </g>
      ))}
      {xTicks.map((tick) => (
        <text key={`x${tick}`} x={xOf(tick)} y={height - 5} textAnchor="middle">
          {xFormat(tick)}
        </text>
      ))}
      {markers.map((marker, index) => (
        <g key={`${marker.label}${index}`} className="chain-marker">
          <line
            x1={xOf(marker.x)}
            x2={xOf(marker.x)}
            y1={MARGIN.top}
            y2={height - MARGIN.bottom}
            stroke={marker.color}
            strokeDasharray="4 3"
          />
          <text x={xOf(marker.x) + 3} y={MARGIN.top + 10 + index * 12} fill={marker.color}>
            {marker.label}
          </text>
        </g>
      ))}
    </g>
  );
}
