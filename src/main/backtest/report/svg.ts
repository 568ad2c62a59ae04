/** Small inline-SVG chart builders for the HTML report: no library, no script, opens offline. */

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const fmt = (value: number): string => (Math.abs(value) >= 1000 ? value.toFixed(0) : value.toFixed(2));

export interface LineChartOptions {
  readonly width?: number;
  readonly height?: number;
  readonly stroke?: string;
  readonly fill?: string;
  readonly title: string;
  readonly xLabel?: (x: number) => string;
  /** Include 0 in the y range (P&L yes, prices no). Default true. */
  readonly zeroBased?: boolean;
}

/** A line (optionally filled to zero) through (x, y) points, with min/max/zero gridlines. */
export function lineChart(
  points: ReadonlyArray<readonly [number, number]>,
  options: LineChartOptions,
): string {
  const width = options.width ?? 860;
  const height = options.height ?? 220;
  const pad = { left: 64, right: 12, top: 24, bottom: 28 };
  if (points.length === 0) return `<p class="empty">${escapeHtml(options.title)}: no data</p>`;
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const zeroBased = options.zeroBased ?? true;
  const yMin = zeroBased ? Math.min(0, ...ys) : Math.min(...ys);
  const yMax = zeroBased ? Math.max(0, ...ys) : Math.max(...ys);
  const sx = (x: number): number =>
    pad.left + (xMax === xMin ? 0.5 : (x - xMin) / (xMax - xMin)) * (width - pad.left - pad.right);
  const sy = (y: number): number =>
    pad.top + (yMax === yMin ? 0.5 : (yMax - y) / (yMax - yMin)) * (height - pad.top - pad.bottom);
  const path = points
    .map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`)
    .join(' ');
  const area =
    options.fill && zeroBased
      ? `<path d="${path} L${sx(xMax).toFixed(1)},${sy(0).toFixed(1)} L${sx(xMin).toFixed(1)},${sy(0).toFixed(1)} Z" fill="${options.fill}" stroke="none"/>`
      : '';
  const label = options.xLabel ?? ((x: number) => String(x));
  return [
    `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(options.title)}">`,
    `<text x="${pad.left}" y="16" class="title">${escapeHtml(options.title)}</text>`,
    zeroBased
      ? `<line x1="${pad.left}" x2="${width - pad.right}" y1="${sy(0).toFixed(1)}" y2="${sy(0).toFixed(1)}" class="zero"/>`
      : '',
    `<text x="${pad.left - 6}" y="${(sy(yMax) + 4).toFixed(1)}" class="axis" text-anchor="end">${fmt(yMax)}</text>`,
    `<text x="${pad.left - 6}" y="${(sy(yMin) + 4).toFixed(1)}" class="axis" text-anchor="end">${fmt(yMin)}</text>`,
    `<text x="${pad.left}" y="${height - 8}" class="axis">${escapeHtml(label(xMin))}</text>`,
    `<text x="${width - pad.right}" y="${height - 8}" class="axis" text-anchor="end">${escapeHtml(label(xMax))}</text>`,
    area,
    `<path d="${path}" fill="none" stroke="${options.stroke ?? '#2b6cb0'}" stroke-width="1.5"/>`,
    '</svg>',
  ].join('');
}

/** Histogram of values in `binCount` equal bins; bars below zero red, above green. */
export function histogram(
  values: readonly number[],
  options: {
    readonly title: string;
    readonly binCount?: number;
    readonly width?: number;
    readonly height?: number;
  },
): string {
  const width = options.width ?? 860;
  const height = options.height ?? 200;
  const pad = { left: 48, right: 12, top: 24, bottom: 28 };
  if (values.length === 0) return `<p class="empty">${escapeHtml(options.title)}: no data</p>`;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const binCount = Math.max(1, Math.min(options.binCount ?? 30, values.length));
  const span = max - min || 1;
  const counts = new Array<number>(binCount).fill(0);
  for (const value of values) counts[Math.min(binCount - 1, Math.floor(((value - min) / span) * binCount))]++;
  const top = Math.max(...counts);
  const barWidth = (width - pad.left - pad.right) / binCount;
  const bars = counts
    .map((count, i) => {
      const from = min + (span * i) / binCount;
      const to = min + (span * (i + 1)) / binCount;
      const h = (count / top) * (height - pad.top - pad.bottom);
      const x = pad.left + i * barWidth;
      const colour = to <= 0 ? '#c53030' : from >= 0 ? '#2f855a' : '#718096';
      return `<rect x="${(x + 1).toFixed(1)}" y="${(height - pad.bottom - h).toFixed(1)}" width="${Math.max(1, barWidth - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${colour}"><title>${fmt(from)} to ${fmt(to)}: ${count}</title></rect>`;
    })
    .join('');
  return [
    `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(options.title)}">`,
    `<text x="${pad.left}" y="16" class="title">${escapeHtml(options.title)}</text>`,
    bars,
    `<text x="${pad.left}" y="${height - 8}" class="axis">${fmt(min)}</text>`,
    `<text x="${width - pad.right}" y="${height - 8}" class="axis" text-anchor="end">${fmt(max)}</text>`,
    `<text x="${pad.left - 6}" y="${pad.top + 8}" class="axis" text-anchor="end">${top}</text>`,
    '</svg>',
  ].join('');
}
