import { formatUnits } from '../format';
import { useWorkstation } from '../store';

const MARKET_TIME_ZONE: Record<string, string> = { nse: 'Asia/Kolkata', us: 'America/New_York' };

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** Market time of the last update (the feed's clock, not this PC's), in the exchange's zone. */
function sessionClock(tsEventUs: number | undefined, profile: string | undefined): string {
  if (!tsEventUs) return '—';
  const timeZone = MARKET_TIME_ZONE[profile ?? ''] ?? 'UTC';
  // One formatter per zone: building one per render costs more than the rest of the strip.
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour12: false, timeStyle: 'medium' });
    clockFormats.set(timeZone, format);
  }
  return format.format(new Date(tsEventUs / 1000));
}

/**
 * The underlying at a glance: spot, change since the session's first print, VWAP (where the
 * underlying trades with volume), the engine's regime when it follows this underlying, and the session clock.
 */
export function IndexStrip({ underlying }: { readonly underlying: string }): React.JSX.Element {
  const view = useWorkstation((state) => state.ladders[underlying]);
  const engine = useWorkstation((state) => state.engine);
  const profile = useWorkstation((state) => state.info?.marketProfile);
  const decimals = view?.priceDecimals ?? 2;
  const spot = view?.lastPrice ?? null;
  const open = view?.session.open ?? null;
  const change = spot !== null && open !== null ? spot - open : null;
  const changePercent = change !== null && open ? (change / open) * 100 : null;
  const direction = change === null || change === 0 ? 'flat' : change > 0 ? 'up' : 'down';
  return (
    <div className="index-strip" role="group" aria-label={`${underlying} index`} data-testid="index-strip">
      <strong>{underlying}</strong>
      <span className="num" data-testid="index-spot">
        {spot === null ? '—' : formatUnits(spot, decimals)}
      </span>
      <span className={`num change-${direction}`} title="change since the session's first print">
        {change === null
          ? '—'
          : `${change > 0 ? '▲ +' : change < 0 ? '▼ −' : ''}${formatUnits(Math.abs(change), decimals)} (${changePercent?.toFixed(2)}%)`}
      </span>
      <span className="num" title="session VWAP">
        VWAP {view?.session.vwap == null ? '—' : formatUnits(Math.round(view.session.vwap), decimals)}
      </span>
      <span title="the engine's market regime for its underlying">
        regime {engine && engine.underlying === underlying ? engine.regime : '—'}
      </span>
      <span className="num session-clock" title="market time of the last update">
        {sessionClock(view?.tsEvent, profile)}
      </span>
    </div>
  );
}
