import { useEffect, useState } from 'react';
import type { CandleView } from '../../../shared/api/views';
import { getApi, noteMarketUpdate, reportError } from '../store';
import { mergeCandles } from './chartMaths';

/** Bars the chart asks for at open: a full day of 1 s bars is 22,500; older ones are not drawn. */
const HISTORY_BARS = 5_000;

/**
 * The bars of one symbol at one interval: what the core built so far, then its per-frame updates,
 * applied at most once per animation frame (the core already conflates; this keeps React to one
 * render per frame when several updates queue up).
 */
export interface ChartBars {
  readonly bars: readonly CandleView[];
  /** The exchange's zone the core names with the bars ('UTC' until they arrive). */
  readonly timeZone: string;
}

const NO_BARS: ChartBars = { bars: [], timeZone: 'UTC' };

export function useCandles(symbol: string, interval: number): ChartBars {
  const [bars, setBars] = useState<ChartBars>(NO_BARS);
  useEffect(() => {
    if (!symbol) return undefined;
    let held: CandleView[] = [];
    let pending: CandleView[] = [];
    let loaded = false;
    let frame = 0;
    let closed = false;
    let timeZone = 'UTC';
    setBars(NO_BARS);
    const flush = (): void => {
      frame = 0;
      if (!loaded || closed) return;
      held = mergeCandles(held, pending);
      pending = [];
      setBars({ bars: held, timeZone });
    };
    const unsubscribe = getApi().market.onCandles({ symbol, interval }, (view) => {
      pending.push(...view.candles);
      noteMarketUpdate(symbol);
      if (frame === 0) frame = requestAnimationFrame(flush);
    });
    getApi()
      .market.getCandles({ symbol, interval, count: HISTORY_BARS })
      .then((view) => {
        if (closed) return;
        held = view.candles.slice();
        timeZone = view.timeZone;
        loaded = true;
        flush();
      }, reportError);
    return () => {
      closed = true;
      if (frame !== 0) cancelAnimationFrame(frame);
      unsubscribe();
    };
  }, [symbol, interval]);
  return bars;
}
