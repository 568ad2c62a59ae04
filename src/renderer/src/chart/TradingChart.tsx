import type {
  AutoscaleInfo,
  IChartApi,
  IPriceLine,
  ISeriesApi,
  ISeriesMarkersPluginApi,
  MouseEventParams,
  SeriesMarker,
  Time,
  UTCTimestamp,
} from 'lightweight-charts';
import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  CrosshairMode,
  HistogramSeries,
  LineSeries,
  LineStyle,
} from 'lightweight-charts';
import { useEffect, useMemo, useRef } from 'react';
import type { CandleView, FillView, InstrumentView, PositionView } from '../../../shared/api/views';
import { formatMoney, formatUnits } from '../format';
import { attachChartPointer } from './chartPointer';
import { pnlAt, sessionRange, sessionVwap, toChartPrice, toChartTime } from './chartMaths';
import type { OrderLine } from './orderLines';

export interface TradingChartProps {
  readonly instrument: InstrumentView;
  readonly interval: number;
  readonly bars: readonly CandleView[];
  readonly lines: readonly OrderLine[];
  readonly fills: readonly FillView[];
  readonly position: PositionView | undefined;
  readonly onDrop: (line: OrderLine, price: number) => void;
  readonly onPlace: (price: number, stop: boolean) => void;
}

interface Drawn {
  readonly chart: IChartApi;
  readonly candles: ISeriesApi<'Candlestick'>;
  readonly volume: ISeriesApi<'Histogram'>;
  /** VWAP, +1σ, −1σ, +2σ, −2σ. */
  readonly bands: ReadonlyArray<ISeriesApi<'Line'>>;
  readonly markers: ISeriesMarkersPluginApi<Time>;
  readonly priceLines: Map<string, IPriceLine>;
  readonly range: { high: IPriceLine; low: IPriceLine };
  /** Bars drawn so far: first start and count, so a frame's update redraws only the tail. */
  drawnFirst: number;
  drawnCount: number;
}

const UP = '#26a69a';
const DOWN = '#ef5350';
const BAND_STYLE = [
  { color: '#e3b341', lineWidth: 2 as const, lineStyle: LineStyle.Solid },
  { color: 'rgba(227,179,65,0.55)', lineWidth: 1 as const, lineStyle: LineStyle.Dashed },
  { color: 'rgba(227,179,65,0.55)', lineWidth: 1 as const, lineStyle: LineStyle.Dashed },
  { color: 'rgba(227,179,65,0.3)', lineWidth: 1 as const, lineStyle: LineStyle.Dotted },
  { color: 'rgba(227,179,65,0.3)', lineWidth: 1 as const, lineStyle: LineStyle.Dotted },
];
const BAND_SIGMAS = [0, 1, -1, 2, -2];

const time = (tsUs: number): UTCTimestamp => toChartTime(tsUs) as UTCTimestamp;

/**
 * The chart: candles and volume, session VWAP with ±1σ/±2σ bands, session high/low, fills as
 * markers, and a price line per working order, TP/SL leg and the position's average. Lines are
 * dragged and orders placed through chartPointer; the crosshair legend shows price, time and the
 * position's P&L at that price.
 */
export function TradingChart(props: TradingChartProps): React.JSX.Element {
  const { instrument, bars, lines, fills, interval } = props;
  const decimals = instrument.priceDecimals;
  const container = useRef<HTMLDivElement>(null);
  const legend = useRef<HTMLDivElement>(null);
  const drawn = useRef<Drawn | null>(null);
  // The pointer handlers read the newest props without re-attaching.
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const chart = createChart(element, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: '#0d1117' },
        textColor: '#c9d1d9',
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
        fontSize: 11,
      },
      grid: { vertLines: { color: '#161b22' }, horzLines: { color: '#161b22' } },
      crosshair: { mode: CrosshairMode.Normal },
      rightPriceScale: { borderColor: '#30363d' },
      timeScale: {
        borderColor: '#30363d',
        timeVisible: true,
        secondsVisible: interval < 60,
        rightOffset: 8,
        barSpacing: 9,
      },
      localization: { priceFormatter: (price: number) => price.toFixed(decimals) },
    });
    const minMove = toChartPrice(instrument.tickUnits, decimals);
    const priceFormat = { type: 'price' as const, precision: decimals, minMove };
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      borderVisible: false,
      wickUpColor: UP,
      wickDownColor: DOWN,
      priceFormat,
      // The scale keeps every order line in view: a trader must see the orders the chart trades.
      autoscaleInfoProvider: (original: () => AutoscaleInfo | null): AutoscaleInfo | null => {
        const info = original();
        const prices = latest.current.lines.map((line) => toChartPrice(line.price, decimals));
        if (!info || !info.priceRange || prices.length === 0) return info;
        return {
          ...info,
          priceRange: {
            minValue: Math.min(info.priceRange.minValue, ...prices),
            maxValue: Math.max(info.priceRange.maxValue, ...prices),
          },
        };
      },
    });
    const volume = chart.addSeries(HistogramSeries, {
      priceScaleId: 'volume',
      priceFormat: { type: 'volume' },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
    const bands = BAND_STYLE.map((style) =>
      chart.addSeries(LineSeries, {
        ...style,
        priceFormat,
        lastValueVisible: false,
        priceLineVisible: false,
        crosshairMarkerVisible: false,
      }),
    );
    const rangeLine = (title: string): IPriceLine =>
      candles.createPriceLine({
        price: 0,
        color: '#6e7681',
        lineWidth: 1,
        lineStyle: LineStyle.SparseDotted,
        axisLabelVisible: true,
        title,
        lineVisible: false,
      });
    drawn.current = {
      chart,
      candles,
      volume,
      bands,
      markers: createSeriesMarkers(candles, []),
      priceLines: new Map(),
      range: { high: rangeLine('H'), low: rangeLine('L') },
      drawnFirst: -1,
      drawnCount: 0,
    };

    const onCrosshair = (param: MouseEventParams): void => {
      const box = legend.current;
      if (!box) return;
      if (!param.point) {
        box.textContent = '';
        return;
      }
      const chartPrice = candles.coordinateToPrice(param.point.y);
      if (chartPrice === null) return;
      const units = Math.round(chartPrice * 10 ** decimals);
      const when =
        param.time === undefined
          ? ''
          : `  ${new Date(Number(param.time) * 1000).toISOString().slice(11, 19)} UTC`;
      const held = latest.current.position;
      const pnl =
        held && held.quantity !== 0
          ? `  P&L ${formatMoney(Math.round(pnlAt(units, held, instrument.multiplier, decimals)))}`
          : '';
      box.textContent = `${formatUnits(units, decimals)}${when}${pnl}`;
    };
    chart.subscribeCrosshairMove(onCrosshair);

    const detach = attachChartPointer({
      container: element,
      chart,
      series: candles,
      priceDecimals: decimals,
      tickUnits: instrument.tickUnits,
      lines: () => latest.current.lines,
      priceLine: (id) => drawn.current?.priceLines.get(id),
      dragLabel: (line, price) => {
        const held = latest.current.position;
        const ticks = (price - line.price) / instrument.tickUnits;
        const pnl =
          held && held.quantity !== 0
            ? ` P&L ${formatMoney(Math.round(pnlAt(price, held, instrument.multiplier, decimals)))}`
            : '';
        return `${line.label} → ${formatUnits(price, decimals)} (${ticks > 0 ? '+' : ''}${ticks}t)${pnl}`;
      },
      onDrop: (line, price) => latest.current.onDrop(line, price),
      onPlace: (price, stop) => latest.current.onPlace(price, stop),
    });
    return () => {
      detach();
      chart.unsubscribeCrosshairMove(onCrosshair);
      chart.remove();
      drawn.current = null;
    };
  }, [instrument.symbol, instrument.tickUnits, instrument.multiplier, decimals, interval]);

  const vwap = useMemo(() => sessionVwap(bars), [bars]);

  useEffect(() => {
    const chart = drawn.current;
    if (!chart) return;
    const candleOf = (bar: CandleView) => ({
      time: time(bar.tsStart),
      open: toChartPrice(bar.open, decimals),
      high: toChartPrice(bar.high, decimals),
      low: toChartPrice(bar.low, decimals),
      close: toChartPrice(bar.close, decimals),
    });
    const volumeOf = (bar: CandleView) => ({
      time: time(bar.tsStart),
      value: bar.volume,
      color: bar.close >= bar.open ? 'rgba(38,166,154,0.45)' : 'rgba(239,83,80,0.45)',
    });
    const bandOf = (index: number, sigmas: number) => ({
      time: vwap[index].time as UTCTimestamp,
      value: toChartPrice(vwap[index].vwap + sigmas * vwap[index].sigma, decimals),
    });
    const sameHistory =
      bars.length > 0 && bars[0].tsStart === chart.drawnFirst && bars.length >= chart.drawnCount;
    if (sameHistory && bars.length - chart.drawnCount <= 8) {
      // The usual frame: the open bar changed and perhaps a new one started.
      for (let index = Math.max(0, chart.drawnCount - 1); index < bars.length; index++) {
        chart.candles.update(candleOf(bars[index]));
        chart.volume.update(volumeOf(bars[index]));
        chart.bands.forEach((band, which) => band.update(bandOf(index, BAND_SIGMAS[which])));
      }
    } else {
      chart.candles.setData(bars.map(candleOf));
      chart.volume.setData(bars.map(volumeOf));
      chart.bands.forEach((band, which) =>
        band.setData(bars.map((_, index) => bandOf(index, BAND_SIGMAS[which]))),
      );
    }
    chart.drawnFirst = bars.length > 0 ? bars[0].tsStart : -1;
    chart.drawnCount = bars.length;
    const range = sessionRange(bars);
    chart.range.high.applyOptions({
      price: toChartPrice(range?.high ?? 0, decimals),
      lineVisible: range !== null,
    });
    chart.range.low.applyOptions({
      price: toChartPrice(range?.low ?? 0, decimals),
      lineVisible: range !== null,
    });
  }, [bars, vwap, decimals]);

  useEffect(() => {
    const chart = drawn.current;
    if (!chart) return;
    const markers: SeriesMarker<Time>[] = fills
      .filter((fill) => fill.symbol === instrument.symbol)
      .map((fill) => ({
        time: (Math.floor(toChartTime(fill.tsEvent) / interval) * interval) as UTCTimestamp,
        position: fill.side === 'buy' ? 'belowBar' : 'aboveBar',
        shape: fill.side === 'buy' ? 'arrowUp' : 'arrowDown',
        color: fill.side === 'buy' ? '#2f81f7' : '#f0883e',
        text: `${fill.side === 'buy' ? 'B' : 'S'} ${fill.quantity}@${formatUnits(fill.price, decimals)}`,
      }));
    chart.markers.setMarkers(markers.sort((a, b) => Number(a.time) - Number(b.time)));
  }, [fills, instrument.symbol, interval, decimals]);

  useEffect(() => {
    const chart = drawn.current;
    if (!chart) return;
    const wanted = new Set(lines.map((line) => line.id));
    for (const [id, priceLine] of chart.priceLines)
      if (!wanted.has(id)) {
        chart.candles.removePriceLine(priceLine);
        chart.priceLines.delete(id);
      }
    for (const line of lines) {
      const options = {
        price: toChartPrice(line.price, decimals),
        color: line.color,
        title: line.label,
        lineWidth: 2 as const,
        lineStyle: line.target.kind === 'position' ? LineStyle.Dashed : LineStyle.Solid,
        axisLabelVisible: true,
      };
      const existing = chart.priceLines.get(line.id);
      if (existing) existing.applyOptions(options);
      else chart.priceLines.set(line.id, chart.candles.createPriceLine(options));
    }
  }, [lines, decimals]);

  return (
    <div className="chart-frame">
      <div ref={container} className="chart-canvas" role="img" aria-label={`${instrument.symbol} chart`} />
      <div ref={legend} className="chart-legend" aria-live="off" data-testid="chart-crosshair" />
    </div>
  );
}
