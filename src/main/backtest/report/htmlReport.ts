import type { ReplayReport } from '../run/report';
import { isoMicros } from '../analysis/tapeStats';
import { escapeHtml, histogram, lineChart } from './svg';

export interface HtmlReportOptions {
  readonly title: string;
  /** Most trades listed in the table (all are in the JSON report). */
  readonly maxTradeRows?: number;
}

type Cell = string | number | boolean | null | undefined;

function table(headers: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  if (rows.length === 0) return '<p class="empty">none</p>';
  const head = headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell) => `<td${typeof cell === 'number' ? ' class="num"' : ''}>${escapeHtml(cell === null || cell === undefined ? '—' : String(cell))}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const time = (tsUs: number): string => isoMicros(tsUs).slice(11, 23);

/**
 * The backtest report as one HTML file: inline CSS and SVG, no script, no network (a strict CSP meta
 * tag says so), so it opens offline and can be mailed or archived as is.
 */
export function renderHtmlReport(report: ReplayReport, options: HtmlReportOptions): string {
  const { summary } = report;
  const engine = summary.engine;
  const maxRows = options.maxTradeRows ?? 1000;
  // Both curves start from 0 before the first trade (no trades: nothing to draw).
  const start = report.equityCurve.length > 0 ? [[0, 0] as const] : [];
  const equity = [...start, ...report.equityCurve.map((point, i) => [i + 1, point.equity] as const)];
  const drawdown = [...start, ...report.equityCurve.map((point, i) => [i + 1, -point.drawdown] as const)];
  const figures: [string, Cell][] = [
    ['events', summary.events],
    ['tape trades', summary.trades],
    ['instruments', summary.instruments],
    ['total volume', summary.totalVolume],
    ['session VWAP', summary.sessionVwap],
    ['session high', summary.sessionHigh],
    ['session low', summary.sessionLow],
    ['first event', summary.firstEventAt],
    ['last event', summary.lastEventAt],
    ['seed', summary.seed],
  ];
  if (engine !== null) {
    figures.push(
      ['preset', engine.preset ? `${engine.preset.name} v${engine.preset.version}` : null],
      ['orders', engine.orders],
      ['fills', engine.fills],
      ['round trips', engine.trades],
      ['net P&L', engine.netPnl],
      ['win rate', engine.winRate === null ? null : `${(engine.winRate * 100).toFixed(1)} %`],
      ['expectancy', engine.expectancy],
      ['profit factor', engine.profitFactor],
      ['max drawdown', engine.maxDrawdown],
      ['Sharpe (per trade)', engine.sharpe],
      ['charges', engine.charges],
    );
  }
  const sections = [
    `<h1>${escapeHtml(options.title)}</h1>`,
    '<h2>Summary</h2>',
    table(['figure', 'value'], figures),
    engine === null ? '<p class="note">Tape only: no engine ran on this replay.</p>' : '',
    '<h2>Tape (one-minute closes)</h2>',
    ...Object.entries(report.priceSeries)
      .sort(
        ([a], [b]) =>
          (report.perInstrument[b]?.events ?? 0) - (report.perInstrument[a]?.events ?? 0) || (a < b ? -1 : 1),
      )
      .slice(0, 4)
      .map(([symbol, series]) =>
        lineChart(series, {
          title: symbol,
          xLabel: (x) => isoMicros(x).slice(0, 16).replace('T', ' ') + ' UTC',
          zeroBased: false,
        }),
      ),
    '<h2>Equity curve (net P&amp;L after each trade)</h2>',
    lineChart(equity, {
      title: 'cumulative net P&L',
      fill: 'rgba(43,108,176,0.12)',
      xLabel: (x) => `trade ${x}`,
    }),
    '<h2>Drawdown</h2>',
    lineChart(drawdown, {
      title: 'drawdown from peak',
      stroke: '#c53030',
      fill: 'rgba(197,48,48,0.12)',
      xLabel: (x) => `trade ${x}`,
    }),
    '<h2>Trade distribution</h2>',
    histogram(
      report.trades.map((trade) => trade.netPnl),
      { title: 'net P&L per trade' },
    ),
    '<h2>By signal</h2>',
    table(
      ['signal', 'trades', 'net P&L', 'win rate', 'expectancy'],
      report.bySignal.map((row) => [row.name, row.trades, row.netPnl, row.winRate, row.expectancy]),
    ),
    '<h2>By exit rule</h2>',
    table(
      ['exit rule', 'trades', 'net P&L', 'win rate', 'expectancy'],
      report.byExitRule.map((row) => [row.name, row.trades, row.netPnl, row.winRate, row.expectancy]),
    ),
    '<h2>By gate (entry candidates)</h2>',
    table(
      ['gate', 'evaluated', 'passed', 'blocked', 'first blocker'],
      report.byGate.map((row) => [row.name, row.evaluated, row.passed, row.blocked, row.firstBlocker]),
    ),
    '<h2>Instruments</h2>',
    table(
      ['symbol', 'events', 'trades', 'quotes', 'volume', 'VWAP', 'high', 'low'],
      Object.entries(report.perInstrument).map(([symbol, row]) => [
        symbol,
        row.events,
        row.trades,
        row.quotes,
        row.totalVolume,
        row.sessionVwap,
        row.sessionHigh,
        row.sessionLow,
      ]),
    ),
    `<h2>Trades${report.trades.length > maxRows ? ` (first ${maxRows} of ${report.trades.length})` : ''}</h2>`,
    table(
      [
        '#',
        'symbol',
        'side',
        'qty',
        'entry (UTC)',
        'exit (UTC)',
        'entry',
        'exit',
        'net P&L',
        'signal',
        'exit rule',
      ],
      report.trades
        .slice(0, maxRows)
        .map((trade) => [
          trade.tradeNumber,
          trade.symbol,
          trade.side,
          trade.quantity,
          time(trade.entryTs),
          time(trade.exitTs),
          trade.entryPrice,
          trade.exitPrice,
          trade.netPnl,
          trade.signal,
          trade.exitRule,
        ]),
    ),
    '<h2>Inputs</h2>',
    table(
      ['file', 'format', 'events', 'rows', 'skipped', 'error'],
      summary.sources.map((source) => [
        source.file,
        source.format,
        source.events,
        source.rows,
        source.skippedRows,
        source.error?.message ?? null,
      ]),
    ),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>
body { font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 24px auto; max-width: 920px; color: #1a202c; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; border-bottom: 1px solid #e2e8f0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { padding: 3px 8px; border-bottom: 1px solid #edf2f7; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
svg .title { font-size: 12px; fill: #4a5568; } svg .axis { font-size: 11px; fill: #718096; }
svg .zero { stroke: #a0aec0; stroke-dasharray: 3 3; }
.empty, .note { color: #718096; }
</style>
</head>
<body>
${sections.join('\n')}
</body>
</html>
`;
}
