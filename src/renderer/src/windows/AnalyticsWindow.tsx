import { useCallback, useEffect, useState } from 'react';
import type { AnalyticsReportView } from '../../../shared/api/analyticsViews';
import { AnalyticsFilters } from '../analytics/AnalyticsFilters';
import { money, rate, ratio, tone } from '../analytics/analyticsFormat';
import { BreakdownTable } from '../analytics/BreakdownTable';
import type { AnalyticsFilter } from '../analytics/csvDownload';
import { EquityChart } from '../analytics/EquityChart';
import { Histogram } from '../analytics/Histogram';
import { RunComparison } from '../analytics/RunComparison';
import { TradeList } from '../analytics/TradeList';
import { zoneOf } from '../auto/autoFormat';
import { formatMoney } from '../format';
import { getApi, useWorkstation } from '../store';
import '../analytics/analytics.css';

const BREAKDOWNS = [
  { id: 'bySignal', title: 'By signal', key: 'Signal' },
  { id: 'byGate', title: 'By gate', key: 'Gate' },
  { id: 'byRegime', title: 'By regime', key: 'Regime' },
  { id: 'bySide', title: 'By side', key: 'Side' },
  { id: 'byHour', title: 'By hour', key: 'Hour' },
  { id: 'bySource', title: 'Manual vs auto', key: 'Source' },
  { id: 'byExitRule', title: 'By exit rule', key: 'Exit rule' },
] as const;

function Summary({ report }: { readonly report: AnalyticsReportView }): React.JSX.Element {
  const m = report.overall;
  const figures: ReadonlyArray<[string, string, string, string]> = [
    ['Trades', String(m.trades), 'analytics-trades-count', ''],
    ['Win rate', rate(m.winRate), 'analytics-win-rate', ''],
    ['Expectancy', money(m.expectancy), 'analytics-expectancy', tone(m.expectancy)],
    ['Net P&L', money(m.netPnl), 'analytics-net-pnl', tone(m.netPnl)],
    [
      'Max drawdown',
      m.maxDrawdown === 0 ? formatMoney(0) : money(-m.maxDrawdown),
      'analytics-max-drawdown',
      m.maxDrawdown > 0 ? 'loss' : '',
    ],
    ['Profit factor', ratio(m.profitFactor), 'analytics-profit-factor', ''],
    ['Avg win', money(m.averageWinner), 'analytics-average-winner', ''],
    ['Avg loss', money(m.averageLoser), 'analytics-average-loser', ''],
    ['Reward:risk', ratio(m.rewardToRisk), 'analytics-reward-risk', ''],
    ['Sharpe/trade', ratio(m.sharpe), 'analytics-sharpe', ''],
    ['Charges', formatMoney(m.charges).replace('+', ''), 'analytics-charges', ''],
    ['W / L / BE', `${m.wins}/${m.losses}/${m.breakeven}`, 'analytics-wins-losses', ''],
  ];
  return (
    <dl className="analytics-summary" aria-label="Summary">
      {figures.map(([label, value, testId, toneClass]) => (
        <div key={label} className="figure">
          <dt>{label}</dt>
          <dd className={toneClass} data-testid={testId}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The analytics window (issue 13): the ledger's trades through the one metrics module — equity and
 * drawdown, the daily table, the trade list, distributions and breakdowns, live days beside saved
 * backtest runs. Every table exports as CSV.
 */
export function AnalyticsWindow(): React.JSX.Element {
  const [filter, setFilter] = useState<AnalyticsFilter>({});
  const [report, setReport] = useState<AnalyticsReportView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [breakdown, setBreakdown] = useState<(typeof BREAKDOWNS)[number]['id']>('bySignal');
  const lastFill = useWorkstation((state) => state.positions);
  const load = useCallback((): void => {
    getApi()
      .analytics.getReport(filter)
      .then(
        (next) => {
          setReport(next);
          setProblem(null);
        },
        (error: Error) => setProblem(error.message),
      );
  }, [filter]);
  // Reload when the filter changes and when positions change (a trade may have closed).
  useEffect(load, [load, lastFill]);
  const zone = zoneOf(report?.currency);
  const chosen = BREAKDOWNS.find((entry) => entry.id === breakdown) ?? BREAKDOWNS[0];
  const breakdownRows =
    report === null
      ? []
      : chosen.id === 'byGate'
        ? report.breakdowns.byGate.map((row) => ({
            key: row.gate,
            metrics: row.metrics,
            extra: [String(row.evaluated), String(row.passed), String(row.blocked)],
          }))
        : report.breakdowns[chosen.id];
  return (
    <div className="analytics-window">
      <AnalyticsFilters filter={filter} report={report} onChange={setFilter} onRefresh={load} />
      {problem && (
        <p className="auto-refusal" role="alert">
          {problem}
        </p>
      )}
      {report && (
        <>
          <div className="analytics-head">
            <section aria-label="Figures">
              <h2>
                {report.currency} <span className="muted">ledger trades in the filter</span>
              </h2>
              <Summary report={report} />
            </section>
            <section aria-label="Equity">
              <h2>Equity and drawdown</h2>
              <EquityChart equity={report.equity} zone={zone} />
            </section>
          </div>
          <div className="analytics-grid">
            <BreakdownTable
              title="Daily"
              keyLabel="Day"
              rows={[...report.daily].reverse()}
              table="daily"
              filter={filter}
              testId="analytics-daily"
            />
            <section className="breakdown-picker" aria-label="Breakdowns">
              <div role="tablist" aria-label="Breakdown" className="tabs">
                {BREAKDOWNS.map((entry) => (
                  <button
                    key={entry.id}
                    type="button"
                    role="tab"
                    aria-selected={entry.id === breakdown}
                    className={entry.id === breakdown ? 'on' : ''}
                    onClick={() => setBreakdown(entry.id)}
                  >
                    {entry.title}
                  </button>
                ))}
              </div>
              <BreakdownTable
                title={chosen.title}
                keyLabel={chosen.key}
                rows={breakdownRows}
                table={chosen.id}
                filter={filter}
                extraLabels={chosen.id === 'byGate' ? ['Eval', 'Pass', 'Block'] : []}
                testId="analytics-breakdown"
              />
            </section>
          </div>
          <div className="analytics-grid">
            <Histogram
              title="Net P&L per trade"
              bins={report.distributions.netPnl}
              label={(value) => formatMoney(Math.round(value))}
              testId="analytics-pnl-distribution"
            />
            <Histogram
              title="Hold time (s)"
              bins={report.distributions.holdSeconds}
              // Scalps last seconds: tenths below 10 s, or every bin would read "1 … 1".
              label={(value) => value.toFixed(value < 10 ? 1 : 0)}
              testId="analytics-hold-distribution"
            />
          </div>
          <TradeList trades={report.trades} total={report.overall.trades} zone={zone} filter={filter} />
          <RunComparison daily={report.daily} runs={report.runs} />
        </>
      )}
    </div>
  );
}
