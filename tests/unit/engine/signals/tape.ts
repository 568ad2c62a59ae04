import type { EngineParams } from '../../../../src/main/trading/engine/config/schema';
import { UnderlyingState } from '../../../../src/main/trading/engine/market/underlyingState';
import type { Side } from '../../../../src/shared/domain/marketEvents';
import { makeDepth, makeTrade, NIFTY, T0 } from '../support/factories';

/**
 * Feeds an underlying state one print every 100 ms from `fromUs` for `seconds`, price from `priceAt`
 * (seconds since start → units), with volume and aggressor per print. Returns the end time.
 */
export function feed(
  state: UnderlyingState,
  fromUs: number,
  seconds: number,
  priceAt: (t: number) => number,
  options: { volume?: number; aggressor?: (step: number) => Side; bookTilt?: number } = {},
): number {
  const steps = Math.round(seconds * 10);
  for (let step = 0; step < steps; step++) {
    const ts = fromUs + step * 100_000;
    const price = Math.round(priceAt(step / 10) / 5) * 5;
    state.onTrade(
      makeTrade(
        NIFTY,
        ts,
        price,
        options.volume ?? 100,
        options.aggressor?.(step) ?? (step % 2 === 0 ? 'buy' : 'sell'),
      ),
    );
    if (options.bookTilt !== undefined && step % 5 === 0) {
      const tilt = options.bookTilt;
      state.onDepth(
        makeDepth(
          NIFTY,
          ts,
          price - 5,
          price + 5,
          [100, 100, 100, 100, 100].map((s) => s * tilt),
          [100, 100, 100, 100, 100],
        ),
      );
    }
  }
  return fromUs + steps * 100_000;
}

/** An underlying with `seconds` of flat, balanced tape at 24000.00 ending at the returned time. */
export function warmState(params: EngineParams, seconds = 120): { state: UnderlyingState; endUs: number } {
  const state = new UnderlyingState(params, 5);
  const endUs = feed(
    state,
    T0 - seconds * 1_000_000,
    seconds,
    (t) => 2_400_000 + (Math.floor(t * 10) % 2) * 5,
  );
  return { state, endUs };
}
