import type { ChainHistoryView, ChainView } from '../../../shared/api/chainViews';
import { BarChart } from './BarChart';
import { ButterflyChart } from './ButterflyChart';
import { ACCENT, AMBER, CALL, EXPIRY_COLOURS, EXPIRY_DASHES, PUT, SPOT, VIOLET } from './chartColours';
import { clockTime, compact, fixed, percent, signedCompact } from './chainFormat';
import { LineChart } from './LineChart';

/** The by-strike views of one chain snapshot. */
interface StrikeProps {
  readonly chain: ChainView;
}

const strikeAxis = (value: number): string => value.toFixed(0);
/**
 * Strikes within this fraction of spot on the IV charts: far wings (a full NSE chain spans ±30 %)
 * carry IVs of 100 % and more on a few stale prints and would flatten the smile a scalper reads.
 */
const IV_WINDOW = 0.08;
const nearSpot = (strike: number, spot: number): boolean => Math.abs(strike / spot - 1) <= IV_WINDOW;
const spotMarker = (chain: ChainView) => ({
  x: chain.summary.spot,
  label: `spot ${chain.summary.spot.toFixed(1)}`,
  color: SPOT,
});

/** Holders' payout at each settlement strike; its minimum is max pain. Max pain across the session beside it. */
export function MaxPainView({
  chain,
  history,
  timeZone,
}: StrikeProps & {
  readonly history: ChainHistoryView | null;
  readonly timeZone: string;
}): React.JSX.Element {
  const samples = history?.samples ?? [];
  const maxPain = chain.summary.maxPain;
  return (
    <div className="chain-view-grid">
      <BarChart
        title="Pain distribution (holders' payout at settlement)"
        strikes={chain.rows.map((row) => row.strike)}
        series={[{ name: 'Payout', color: VIOLET, values: chain.rows.map((row) => row.pain) }]}
        markers={[
          ...(maxPain === null ? [] : [{ x: maxPain, label: `max pain ${maxPain}`, color: AMBER }]),
          spotMarker(chain),
        ]}
        yFormat={compact}
        height={520}
        note={`max pain ${fixed(maxPain, 0)} · spot ${fixed(chain.summary.spot, 2)} · distance ${fixed(
          maxPain === null ? null : chain.summary.spot - maxPain,
          1,
        )}`}
      />
      <LineChart
        title="Max pain and spot over the session"
        series={[
          { name: 'Max pain', color: AMBER, points: samples.map((s) => ({ x: s.tsUs, y: s.maxPain })) },
          { name: 'Spot', color: SPOT, dash: '5 3', points: samples.map((s) => ({ x: s.tsUs, y: s.spot })) },
        ]}
        xFormat={(tsUs) => clockTime(tsUs, timeZone).slice(0, 5)}
        yFormat={(value) => value.toFixed(0)}
        note={history ? `${samples.length} samples` : 'session history: live chains only'}
        height={520}
      />
    </div>
  );
}

/** IV across strikes for every expiry, as lines and as a grid (strikes near the money × expiries). */
export function VolSurfaceView({ chain }: StrikeProps): React.JSX.Element {
  const slices = chain.surface.slice(0, EXPIRY_COLOURS.length);
  const atm = chain.summary.atmStrike ?? chain.summary.spot;
  const strikes = [...new Set(slices.flatMap((slice) => slice.points.map((point) => point.strike)))]
    .sort((a, b) => Math.abs(a - atm) - Math.abs(b - atm))
    .slice(0, 15)
    .sort((a, b) => a - b);
  const ivs = slices.flatMap((slice) => slice.points.map((point) => point.iv));
  const low = Math.min(...ivs);
  const high = Math.max(...ivs);
  return (
    <div className="chain-view-grid">
      <LineChart
        title="IV by strike per expiry"
        series={slices.map((slice, index) => ({
          name: `${slice.expiry} (${(slice.yearsToExpiry * 365).toFixed(1)} d)`,
          color: EXPIRY_COLOURS[index],
          dash: EXPIRY_DASHES[index],
          points: slice.points
            .filter((point) => nearSpot(point.strike, chain.summary.spot))
            .map((point) => ({ x: point.strike, y: point.iv * 100 })),
        }))}
        markers={[spotMarker(chain)]}
        xFormat={strikeAxis}
        yFormat={(value) => value.toFixed(1)}
        height={560}
        note={
          chain.surface.length > slices.length
            ? `nearest ${slices.length} of ${chain.surface.length} expiries`
            : undefined
        }
      />
      <div className="chain-surface-wrap">
        <table className="chain-surface" aria-label="IV surface, percent">
          <thead>
            <tr>
              <th scope="col" className="num">
                Strike
              </th>
              {slices.map((slice) => (
                <th key={slice.expiry} scope="col" className="num">
                  {slice.expiry}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {strikes.map((strike) => (
              <tr key={strike} className={strike === chain.summary.atmStrike ? 'atm' : undefined}>
                <th scope="row" className="num strike">
                  {strike}
                </th>
                {slices.map((slice) => {
                  const iv = slice.points.find((point) => point.strike === strike)?.iv;
                  const heat = iv === undefined || high <= low ? 0 : (iv - low) / (high - low);
                  return (
                    <td
                      key={slice.expiry}
                      className="num"
                      style={{ background: `rgba(96, 165, 250, ${(0.08 + heat * 0.5).toFixed(2)})` }}
                    >
                      {iv === undefined ? '—' : (iv * 100).toFixed(2)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Gamma exposure per strike (calls +, puts −) with the call wall, put wall and the flip level. */
export function GexView({ chain }: StrikeProps): React.JSX.Element {
  const s = chain.summary;
  const markers = [
    ...(s.callWall === null ? [] : [{ x: s.callWall, label: `call wall ${s.callWall}`, color: CALL.color }]),
    ...(s.putWall === null ? [] : [{ x: s.putWall, label: `put wall ${s.putWall}`, color: PUT.color }]),
    ...(s.gexFlip === null ? [] : [{ x: s.gexFlip, label: `flip ${s.gexFlip.toFixed(0)}`, color: AMBER }]),
    spotMarker(chain),
  ];
  return (
    <div className="chain-view-grid">
      <BarChart
        title="GEX by strike (per 1 % move)"
        strikes={chain.rows.map((row) => row.strike)}
        series={[
          { name: 'Call GEX', ...CALL, values: chain.rows.map((row) => row.ceGex) },
          { name: 'Put GEX', ...PUT, values: chain.rows.map((row) => row.peGex) },
        ]}
        markers={markers}
        yFormat={signedCompact}
        height={520}
        note={`net ${signedCompact(s.netGex)} · ${s.netGex >= 0 ? 'dealers long gamma: moves damped' : 'dealers short gamma: moves amplified'}`}
      />
      <BarChart
        title="Net GEX by strike"
        strikes={chain.rows.map((row) => row.strike)}
        series={[{ name: 'Net GEX', color: ACCENT, values: chain.rows.map((row) => row.ceGex + row.peGex) }]}
        markers={markers}
        yFormat={signedCompact}
        height={520}
      />
    </div>
  );
}

/** CE and PE IV across strikes, and the 25-delta skew. */
export function IvSmileView({ chain }: StrikeProps): React.JSX.Element {
  const rows = chain.rows.filter((row) => nearSpot(row.strike, chain.summary.spot));
  return (
    <div className="chain-view-grid">
      <LineChart
        title="IV smile"
        series={[
          {
            name: 'CE IV %',
            ...CALL,
            points: rows.map((row) => ({
              x: row.strike,
              y: row.ce?.iv == null ? null : row.ce.iv * 100,
            })),
          },
          {
            name: 'PE IV %',
            ...PUT,
            points: rows.map((row) => ({
              x: row.strike,
              y: row.pe?.iv == null ? null : row.pe.iv * 100,
            })),
          },
        ]}
        markers={[spotMarker(chain)]}
        xFormat={strikeAxis}
        yFormat={(value) => value.toFixed(1)}
        height={560}
        note={`ATM IV ${percent(chain.summary.atmIv)} % · 25Δ skew (put − call) ${percent(chain.summary.skew25)} pts`}
      />
    </div>
  );
}

/** The OI butterfly (puts left, calls right) and the day's OI change per strike. */
export function OiProfileView({ chain }: StrikeProps): React.JSX.Element {
  const strikes = chain.rows.map((row) => row.strike);
  return (
    <div className="chain-view-split">
      <ButterflyChart
        title="OI butterfly"
        strikes={strikes}
        left={{ name: 'PE OI', ...PUT, values: chain.rows.map((row) => row.pe?.oi ?? 0) }}
        right={{ name: 'CE OI', ...CALL, values: chain.rows.map((row) => row.ce?.oi ?? 0) }}
        atmStrike={chain.summary.atmStrike}
        format={compact}
        height={540}
      />
      <BarChart
        title="OI change today by strike"
        strikes={strikes}
        series={[
          { name: 'CE ΔOI', ...CALL, values: chain.rows.map((row) => row.ce?.oiChange ?? 0) },
          { name: 'PE ΔOI', ...PUT, values: chain.rows.map((row) => row.pe?.oiChange ?? 0) },
        ]}
        markers={[spotMarker(chain)]}
        yFormat={signedCompact}
        height={540}
        note={`CE ${signedCompact(chain.summary.oiChangeCE)} · PE ${signedCompact(chain.summary.oiChangePE)}`}
      />
    </div>
  );
}
