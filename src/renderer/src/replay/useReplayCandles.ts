import { useEffect, useRef, useState } from 'react';
import type { CandleIntervalSeconds } from '../../../shared/api/schemas';
import type { ReplayCandlesView } from '../../../shared/api/replayChartViews';
import type { CandleView, FillView } from '../../../shared/api/views';
import { mergeCandles } from '../chart/chartMaths';
import { getApi, reportError } from '../store';

export interface ReplayChartData {
  readonly symbol: string | null;
  readonly priceDecimals: number;
  readonly tickUnits: number;
  readonly timeZone: string;
  readonly bars: readonly CandleView[];
  readonly fills: readonly FillView[];
  readonly tradedSymbols: readonly string[];
}

const EMPTY: ReplayChartData = {
  symbol: null,
  priceDecimals: 2,
  tickUnits: 1,
  timeZone: 'UTC',
  bars: [],
  fills: [],
  tradedSymbols: [],
};

/**
 * The replay chart's bars and fills, following the tape: on each published replay state (`sequence`,
 * ≤ one a frame) it asks the core for the bars from its newest one on and the fills it has not seen,
 * one request at a time. When the core's key changes (another replay, the tape started over, another
 * symbol) what is held is dropped and asked for again from the start.
 */
export function useReplayCandles(sequence: number, interval: number): ReplayChartData {
  const [data, setData] = useState<ReplayChartData>(EMPTY);
  const held = useRef({ key: '', interval, data: EMPTY, inFlight: false, again: false });

  useEffect(() => {
    const state = held.current;
    if (state.interval !== interval) {
      state.interval = interval;
      state.key = '';
      state.data = EMPTY;
    }
    if (state.inFlight) {
      state.again = true;
      return;
    }
    const ask = (): void => {
      state.inFlight = true;
      const asked = { key: state.key, interval: state.interval };
      const newest = state.data.bars.at(-1);
      getApi()
        .replay.getCandles({
          interval: asked.interval as CandleIntervalSeconds,
          ...(asked.key === '' || newest === undefined ? {} : { from: newest.tsStart }),
          fillsFrom: asked.key === '' ? 0 : state.data.fills.length,
        })
        .then(
          (view) => {
            state.inFlight = false;
            if (asked.interval !== state.interval) state.again = true;
            else if (view.key !== asked.key) {
              // Asked relative to bars that no longer apply: start over (at once if this was a partial ask).
              state.key = view.key;
              state.data = EMPTY;
              if (asked.key !== '') state.again = true;
              else state.data = toData(EMPTY, view);
            } else state.data = toData(state.data, view);
            setData(state.data);
            if (state.again) {
              state.again = false;
              ask();
            }
          },
          (error: unknown) => {
            state.inFlight = false;
            reportError(error);
          },
        );
    };
    ask();
  }, [sequence, interval]);
  return data;
}

function toData(before: ReplayChartData, view: ReplayCandlesView): ReplayChartData {
  const { candles, fills, tradedSymbols } = view;
  if (candles === null) return { ...EMPTY, tradedSymbols };
  return {
    tradedSymbols,
    symbol: candles.symbol,
    priceDecimals: candles.priceDecimals,
    tickUnits: candles.tickUnits,
    timeZone: candles.timeZone,
    bars: candles.candles.length === 0 ? before.bars : mergeCandles(before.bars, candles.candles),
    fills: fills.length === 0 ? before.fills : [...before.fills, ...fills],
  };
}
