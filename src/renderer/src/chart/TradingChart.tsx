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
import { useEffect, useRef } from 'react';
import type { CandleView, FillView, InstrumentView, PositionView } from '../../../shared/api/views';
import { formatMoney, formatUnits } from '../format';
import { attachChartPointer } from './chartPointer';
import { pnlAt, toChartPrice } from './chartMaths';
import { chartTickLabel, formatChartClock, formatChartDate, toChartTime, zoneName } from './chartTime';
import type { OrderLine } from './orderLines';
import { SessionStats } from './sessionStats';

/** What the chart needs of an instrument (a replayed tape's symbol has no full InstrumentView). */
export type ChartInstrument = Pick<InstrumentView, 'symbol' | 'priceDecimals' | 'tickUnits' | 'multiplier'>;
/** What a fill marker needs (live fills and the replay account's). */
export type ChartFill = Pick<FillView, 'symbol' | 'side' | 'quantity' | 'price' | 'tsEvent'>;

/** Another instrument's closes on the chart's left scale: an option's underlying index. */
export interface ChartOverlay {
  readonly symbol: string;
  readonly priceDecimals: number;
  readonly bars: readonly CandleView[];
}

export interface TradingChartProps {
  readonly instrument: ChartInstrument;
  readonly interval: number;
  /** The exchange's zone: the time axis reads its wall clock. */
  readonly timeZone: string;
  readonly bars: readonly CandleView[];
  readonly lines: readonly OrderLine[];
  readonly fills: readonly ChartFill[];
  readonly position: PositionView | undefined;
  readonly overlay?: ChartOverlay;
  /** Without these the chart is read-only (the replay's): no drag, no orders by pointer. */
  readonly onDrop?: (line: OrderLine, price: number) => void;
  readonly onPlace?: (price: number, stop: boolean) => void;
}

interface Drawn {
  readonly chart: IChartApi;
  readonly candles: ISeriesApi<'Candlestick'>;
  readonly volume: ISeriesApi<'Histogram'>;
  /** VWAP, +1σ, −1σ, +2σ, −2σ. */
  readonly bands: ReadonlyArray<ISeriesApi<'Line'>>;
  readonly markers: ISeriesMarkersPluginApi<Time>;
  readonly priceLines: Map<string, IPriceLine>;
  readonly levels: { high: IPriceLine; low: IPriceLine; resistance: IPriceLine; support: IPriceLine };
  readonly overlay: ISeriesApi<'Line'>;
  /** The price (units, or null when hidden) each level line was last given. */
  readonly levelPrices: Map<IPriceLine, number | null>;
  /** VWAP, range and swings of the bars drawn, kept incrementally. */
  readonly stats: SessionStats;
  /** Bars drawn so far: first start, count and zone, so a frame's update redraws only the tail. */
  drawnFirst: number;
  drawnCount: number;
  drawnZone: string;
  overlayDrawn: { first: number; count: number; symbol: string; zone: string };
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

/** Colours of the level lines: swing resistance/support, and the session's high/low. */
const LEVEL_COLORS = { resistance: '#f778ba', support: '#56d4dd', range: '#8b949e' };
/** The underlying's line stays behind the candles: the option is what is traded here. */
const OVERLAY_COLOR = 'rgba(163,113,247,0.5)';

/**
 * The chart: candles and volume, session VWAP with ±1σ/±2σ bands, session high/low, the nearest swing
 * resistance and support, fills as markers, an option's underlying on the left scale, and a price
 * line per working order, TP/SL leg and the position's average. Times read the exchange's clock.
 * Lines are dragged and orders placed through chartPointer; the crosshair legend shows price, time
 * and the position's P&L at that price.
 */
export function TradingChart(props: TradingChartProps): React.JSX.Element {
  const { instrument, bars, lines, fills, interval, timeZone, overlay } = props;
  const readOnly = props.onDrop === undefined && props.onPlace === undefined;
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
      leftPriceScale: { borderColor: '#30363d', visible: false },
      timeScale: {
        borderColor: '#30363d',
        timeVisible: true,
        secondsVisible: interval < 60,
        rightOffset: 8,
        barSpacing: 9,
        maxBarSpacing: 30,
        // Times are already on the exchange's clock (chartTime.ts): label them as they are.
        tickMarkFormatter: (tick: Time, tickMarkType: number) => chartTickLabel(Number(tick), tickMarkType),
      },
      localization: {
        priceFormatter: (price: number) => price.toFixed(decimals),
        timeFormatter: (tick: Time) =>
          `${formatChartDate(Number(tick))} ${formatChartClock(Number(tick), interval < 60)} ${zoneName(latest.current.timeZone)}`,
      },
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
    const levelLine = (title: string, color: string, lineStyle: LineStyle): IPriceLine =>
      candles.createPriceLine({
        price: 0,
        color,
        lineWidth: 1,
        lineStyle,
        axisLabelVisible: false,
        title,
        lineVisible: false,
      });
    const overlaySeries = chart.addSeries(LineSeries, {
      priceScaleId: 'left',
      color: OVERLAY_COLOR,
      lineWidth: 1,
      lastValueVisible: true,
      priceLineVisible: false,
      crosshairMarkerVisible: false,
    });
    drawn.current = {
      chart,
      candles,
      volume,
      bands,
      markers: createSeriesMarkers(candles, []),
      priceLines: new Map(),
      levels: {
        high: levelLine('H', LEVEL_COLORS.range, LineStyle.SparseDotted),
        low: levelLine('L', LEVEL_COLORS.range, LineStyle.SparseDotted),
        resistance: levelLine('R', LEVEL_COLORS.resistance, LineStyle.LargeDashed),
        support: levelLine('S', LEVEL_COLORS.support, LineStyle.LargeDashed),
      },
      overlay: overlaySeries,
      levelPrices: new Map(),
      stats: new SessionStats(),
      drawnFirst: -1,
      drawnCount: 0,
      drawnZone: '',
      overlayDrawn: { first: -1, count: 0, symbol: '', zone: '' },
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
          : `  ${formatChartClock(Number(param.time), true)} ${zoneName(latest.current.timeZone)}`;
      const held = latest.current.position;
      const pnl =
        held && held.quantity !== 0
          ? `  P&L ${formatMoney(Math.round(pnlAt(units, held, instrument.multiplier, decimals)))}`
          : '';
      box.textContent = `${formatUnits(units, decimals)}${when}${pnl}`;
    };
    chart.subscribeCrosshairMove(onCrosshair);

    const detach = readOnly
      ? () => undefined
      : attachChartPointer({
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
          onDrop: (line, price) => latest.current.onDrop?.(line, price),
          onPlace: (price, stop) => latest.current.onPlace?.(price, stop),
        });
    return () => {
      detach();
      chart.unsubscribeCrosshairMove(onCrosshair);
      chart.remove();
      drawn.current = null;
    };
  }, [instrument.symbol, instrument.tickUnits, instrument.multiplier, decimals, interval, readOnly]);

  useEffect(() => {
    const chart = drawn.current;
    if (!chart) return;
    const time = (tsUs: number): UTCTimestamp => toChartTime(tsUs, timeZone) as UTCTimestamp;
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
    const stats = chart.stats;
    const bandsOf = (index: number) => {
      const point = stats.vwapAt(bars, index);
      return BAND_SIGMAS.map((sigmas) => ({
        time: time(bars[index].tsStart),
        value: toChartPrice(point.vwap + sigmas * point.sigma, decimals),
      }));
    };
    const sameHistory =
      bars.length > 0 &&
      bars[0].tsStart === chart.drawnFirst &&
      bars.length >= chart.drawnCount &&
      chart.drawnZone === timeZone;
    if (sameHistory && bars.length - chart.drawnCount <= 8) {
      // The usual frame: the open bar changed and perhaps a new one started. Only those are touched.
      stats.advance(bars);
      for (let index = Math.max(0, chart.drawnCount - 1); index < bars.length; index++) {
        chart.candles.update(candleOf(bars[index]));
        chart.volume.update(volumeOf(bars[index]));
        const points = bandsOf(index);
        chart.bands.forEach((band, which) => band.update(points[which]));
      }
    } else {
      const firstDraw = chart.drawnFirst === -1;
      stats.reset();
      stats.advance(bars);
      chart.candles.setData(bars.map(candleOf));
      chart.volume.setData(bars.map(volumeOf));
      const points = bars.map((_, index) => bandsOf(index));
      chart.bands.forEach((band, which) => band.setData(points.map((point) => point[which])));
      // A chart opened on a young session spreads its bars over the width (up to maxBarSpacing).
      if (firstDraw && bars.length > 0) chart.chart.timeScale().fitContent();
    }
    chart.drawnFirst = bars.length > 0 ? bars[0].tsStart : -1;
    chart.drawnCount = bars.length;
    chart.drawnZone = timeZone;
    // A price line's applyOptions asks the chart for a redraw of its pane and scale: only when the
    // level moved, which is rarely (most frames move only the open bar).
    const level = (line: IPriceLine, price: number | null | undefined): void => {
      const shown = price ?? null;
      if (chart.levelPrices.get(line) === shown) return;
      chart.levelPrices.set(line, shown);
      line.applyOptions({
        price: toChartPrice(price ?? 0, decimals),
        lineVisible: price != null,
        axisLabelVisible: price != null,
      });
    };
    const range = stats.range(bars);
    level(chart.levels.high, range?.high);
    level(chart.levels.low, range?.low);
    const swings = stats.swingLines(bars);
    level(chart.levels.resistance, swings.resistance);
    level(chart.levels.support, swings.support);
  }, [bars, decimals, timeZone]);

  useEffect(() => {
    const chart = drawn.current;
    if (!chart) return;
    const overlayBars = overlay?.bars ?? [];
    chart.chart.applyOptions({ leftPriceScale: { visible: overlayBars.length > 0 } });
    const pointOf = (bar: CandleView) => ({
      time: toChartTime(bar.tsStart, timeZone) as UTCTimestamp,
      value: toChartPrice(bar.close, overlay?.priceDecimals ?? 0),
    });
    const drawnBefore = chart.overlayDrawn;
    const symbol = overlay?.symbol ?? '';
    if (
      overlayBars.length > 0 &&
      drawnBefore.symbol === symbol &&
      // The zone arrives with the chart's own bars, perhaps after the underlying's: then redraw all.
      drawnBefore.zone === timeZone &&
      overlayBars[0].tsStart === drawnBefore.first &&
      overlayBars.length >= drawnBefore.count &&
      overlayBars.length - drawnBefore.count <= 8
    ) {
      for (let index = Math.max(0, drawnBefore.count - 1); index < overlayBars.length; index++)
        chart.overlay.update(pointOf(overlayBars[index]));
    } else {
      chart.overlay.setData(overlayBars.map(pointOf));
      chart.overlay.applyOptions({
        title: symbol,
        priceFormat: {
          type: 'price',
          precision: overlay?.priceDecimals ?? 2,
          minMove: 1 / 10 ** (overlay?.priceDecimals ?? 2),
        },
      });
    }
    chart.overlayDrawn = {
      first: overlayBars[0]?.tsStart ?? -1,
      count: overlayBars.length,
      symbol,
      zone: timeZone,
    };
  }, [overlay, timeZone]);

  useEffect(() => {
    const chart = drawn.current;
    if (!chart) return;
    const markers: SeriesMarker<Time>[] = fills
      .filter((fill) => fill.symbol === instrument.symbol)
      .map((fill) => ({
        time: (Math.floor(toChartTime(fill.tsEvent, timeZone) / interval) * interval) as UTCTimestamp,
        position: fill.side === 'buy' ? 'belowBar' : 'aboveBar',
        shape: fill.side === 'buy' ? 'arrowUp' : 'arrowDown',
        color: fill.side === 'buy' ? '#2f81f7' : '#f0883e',
        text: `${fill.side === 'buy' ? 'B' : 'S'} ${fill.quantity}@${formatUnits(fill.price, decimals)}`,
      }));
    chart.markers.setMarkers(markers.sort((a, b) => Number(a.time) - Number(b.time)));
    // For tests and assistive tools: the canvas itself says nothing.
    container.current?.setAttribute('data-markers', String(markers.length));
  }, [fills, instrument.symbol, interval, decimals, timeZone]);

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
