import type { IChartApi, UTCTimestamp } from 'lightweight-charts';
import { ColorType, createChart, HistogramSeries, LineSeries } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { EquityPoint } from '../../../shared/analytics/performance';
import { utcOffsetMinutes } from '../../../shared/domain/instruments/timeZones';

/**
 * One point per second (the chart's time unit): the last trade closed in that second wins. The chart
 * labels its axis in UTC, so times are shifted by the market zone's offset to read as market time.
 */
function perSecond(
  points: readonly EquityPoint[],
  zone: string,
  value: (point: EquityPoint) => number,
): Array<{ time: UTCTimestamp; value: number }> {
  const bySecond = new Map<number, number>();
  for (const point of points)
    bySecond.set(Math.floor(point.tsUs / 1e6) + utcOffsetMinutes(zone, point.tsUs) * 60, value(point));
  return [...bySecond.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([time, amount]) => ({ time: time as UTCTimestamp, value: amount }));
}

/**
 * The equity curve (cumulative net P&L after each trade) and, below it, the drawdown from the running
 * peak, both in major currency units on market time.
 */
export function EquityChart({
  equity,
  zone,
}: {
  readonly equity: readonly EquityPoint[];
  readonly zone: string;
}): React.JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  useEffect(() => {
    if (!host.current) return;
    const created = createChart(host.current, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: '#161920' },
        textColor: '#8a90a0',
        fontSize: 11,
        panes: { separatorColor: '#262b36' },
      },
      grid: { vertLines: { color: '#1f232c' }, horzLines: { color: '#1f232c' } },
      timeScale: { timeVisible: true, secondsVisible: true, borderColor: '#262b36' },
      rightPriceScale: { borderColor: '#262b36' },
    });
    chart.current = created;
    return () => {
      created.remove();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const current = chart.current;
    if (!current) return;
    const equityLine = current.addSeries(LineSeries, {
      color: '#3b82f6',
      lineWidth: 2,
      priceLineVisible: false,
      title: 'equity',
    });
    const drawdown = current.addSeries(
      HistogramSeries,
      { color: 'rgba(239,68,68,0.6)', priceLineVisible: false, title: 'drawdown' },
      1,
    );
    equityLine.setData(perSecond(equity, zone, (point) => point.equity / 100));
    drawdown.setData(perSecond(equity, zone, (point) => -point.drawdown / 100));
    current.panes()[1]?.setHeight(70);
    current.timeScale().fitContent();
    return () => {
      current.removeSeries(equityLine);
      current.removeSeries(drawdown);
    };
  }, [equity, zone]);
  return (
    <div
      className="equity-chart"
      role="img"
      aria-label={`Equity curve and drawdown over ${equity.length} trades`}
      data-testid="analytics-equity-chart"
    >
      <div ref={host} className="equity-canvas" />
      {equity.length === 0 && <p className="muted equity-empty">no closed trades in the filter</p>}
    </div>
  );
}
