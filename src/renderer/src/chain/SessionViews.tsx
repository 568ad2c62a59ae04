import type { ChainHistoryView, ChainSampleView, ChainView } from '../../../shared/api/chainViews';
import { BarChart } from './BarChart';
import { ACCENT, AMBER, CALL, PUT, SPOT, VIOLET } from './chartColours';
import { clockTime, compact, fixed, percent } from './chainFormat';
import { LineChart } from './LineChart';

/** The over-time views: the session's samples of a live chain (an imported file is one instant). */
interface SessionProps {
  readonly chain: ChainView;
  readonly history: ChainHistoryView | null;
  readonly timeZone: string;
}

const series = (
  samples: readonly ChainSampleView[],
  value: (sample: ChainSampleView) => number | null,
): Array<{ x: number; y: number | null }> => samples.map((sample) => ({ x: sample.tsUs, y: value(sample) }));

function sessionNote(history: ChainHistoryView | null): string {
  if (!history) return 'session history: live chains only';
  const samples = history.samples;
  if (samples.length < 2) return `${samples.length} sample`;
  const minutes = (samples[samples.length - 1].tsUs - samples[0].tsUs) / 60_000_000;
  return `${samples.length} samples · ${minutes.toFixed(0)} min every ${history.intervalUs / 1e6} s`;
}

function timeAxis(timeZone: string): (tsUs: number) => string {
  return (tsUs) => clockTime(tsUs, timeZone).slice(0, 5);
}

/** Greeks near the money, and the ATM IV across the session with its percentile. */
export function GreeksIvView({ chain, history, timeZone }: SessionProps): React.JSX.Element {
  const samples = history?.samples ?? [];
  const atm = chain.summary.atmStrike;
  const atmIndex = chain.rows.findIndex((row) => row.strike === atm);
  const near = chain.rows.slice(Math.max(0, atmIndex - 6), atmIndex + 7);
  return (
    <div className="chain-view-grid">
      <LineChart
        title="ATM IV over the session"
        series={[
          {
            name: 'ATM IV %',
            color: ACCENT,
            points: series(samples, (s) => (s.atmIv === null ? null : s.atmIv * 100)),
          },
        ]}
        xFormat={timeAxis(timeZone)}
        yFormat={(value) => value.toFixed(2)}
        note={`now ${percent(chain.summary.atmIv)} % · percentile ${fixed(chain.summary.ivPercentile, 0)} · ${sessionNote(history)}`}
      />
      <LineChart
        title="Delta by strike"
        series={[
          {
            name: 'CE Δ',
            ...CALL,
            points: chain.rows.map((row) => ({ x: row.strike, y: row.ce?.delta ?? null })),
          },
          {
            name: 'PE Δ',
            ...PUT,
            points: chain.rows.map((row) => ({ x: row.strike, y: row.pe?.delta ?? null })),
          },
        ]}
        markers={[{ x: chain.summary.spot, label: 'spot', color: SPOT }]}
        xFormat={(value) => value.toFixed(0)}
        yFormat={(value) => value.toFixed(2)}
        includeZero
      />
      <table className="chain-greeks" aria-label="Greeks near the money">
        <thead>
          <tr>
            {[
              'CE IV',
              'CE Δ',
              'CE Γ',
              'CE Θ/day',
              'CE V/pt',
              'Strike',
              'PE IV',
              'PE Δ',
              'PE Γ',
              'PE Θ/day',
              'PE V/pt',
            ].map((name) => (
              <th key={name} scope="col" className="num">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {near.map((row) => (
            <tr key={row.strike} className={row.strike === atm ? 'atm' : undefined}>
              <td className="num">{percent(row.ce?.iv, 2)}</td>
              <td className="num">{fixed(row.ce?.delta, 3)}</td>
              <td className="num">{fixed(row.ce?.gamma, 5)}</td>
              <td className="num">{fixed(row.ce?.theta, 2)}</td>
              <td className="num">{fixed(row.ce?.vega, 2)}</td>
              <th scope="row" className="num strike">
                {row.strike}
              </th>
              <td className="num">{percent(row.pe?.iv, 2)}</td>
              <td className="num">{fixed(row.pe?.delta, 3)}</td>
              <td className="num">{fixed(row.pe?.gamma, 5)}</td>
              <td className="num">{fixed(row.pe?.theta, 2)}</td>
              <td className="num">{fixed(row.pe?.vega, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** CE/PE OI and PCR by strike now, and the totals and PCR across the session. */
export function OiTrackerView({ chain, history, timeZone }: SessionProps): React.JSX.Element {
  const samples = history?.samples ?? [];
  const strikes = chain.rows.map((row) => row.strike);
  const timeFormat = timeAxis(timeZone);
  return (
    <div className="chain-view-grid">
      <BarChart
        title="OI by strike"
        strikes={strikes}
        series={[
          { name: 'CE OI', ...CALL, values: chain.rows.map((row) => row.ce?.oi ?? 0) },
          { name: 'PE OI', ...PUT, values: chain.rows.map((row) => row.pe?.oi ?? 0) },
        ]}
        markers={[{ x: chain.summary.spot, label: 'spot', color: SPOT }]}
        yFormat={compact}
      />
      <BarChart
        title="PCR by strike (PE OI / CE OI)"
        strikes={strikes}
        series={[
          {
            name: 'PCR',
            color: ACCENT,
            values: chain.rows.map((row) => (row.ce && row.ce.oi > 0 ? (row.pe?.oi ?? 0) / row.ce.oi : 0)),
          },
        ]}
        markers={[{ x: chain.summary.spot, label: 'spot', color: SPOT }]}
        yFormat={(value) => value.toFixed(1)}
        height={270}
      />
      <LineChart
        title="PCR over the session"
        series={[
          { name: 'PCR OI', color: ACCENT, points: series(samples, (s) => s.pcrOi) },
          { name: 'PCR volume', color: AMBER, dash: '5 3', points: series(samples, (s) => s.pcrVolume) },
        ]}
        xFormat={timeFormat}
        yFormat={(value) => value.toFixed(2)}
        note={sessionNote(history)}
        height={270}
      />
      <LineChart
        title="Total OI over the session"
        series={[
          { name: 'CE OI', ...CALL, points: series(samples, (s) => s.totalCallOi) },
          { name: 'PE OI', ...PUT, points: series(samples, (s) => s.totalPutOi) },
        ]}
        xFormat={timeFormat}
        yFormat={compact}
        height={270}
      />
    </div>
  );
}

/** The ATM straddle, the synthetic future against spot, and the implied move, across the session. */
export function StraddleView({ chain, history, timeZone }: SessionProps): React.JSX.Element {
  const samples = history?.samples ?? [];
  const timeFormat = timeAxis(timeZone);
  return (
    <div className="chain-view-grid">
      <LineChart
        title="ATM straddle over the session"
        series={[{ name: 'Straddle', color: VIOLET, points: series(samples, (s) => s.straddle) }]}
        xFormat={timeFormat}
        yFormat={(value) => value.toFixed(1)}
        note={`now ${fixed(chain.summary.straddle, 2)} · ${sessionNote(history)}`}
      />
      <LineChart
        title="Synthetic future and spot"
        series={[
          { name: 'Synthetic future', color: AMBER, points: series(samples, (s) => s.syntheticFuture) },
          { name: 'Spot', color: SPOT, dash: '5 3', points: series(samples, (s) => s.spot) },
        ]}
        xFormat={timeFormat}
        yFormat={(value) => value.toFixed(0)}
        note={`basis now ${fixed((chain.summary.syntheticFuture ?? Number.NaN) - chain.summary.spot, 2)}`}
      />
      <LineChart
        title="Implied move to expiry (straddle / spot)"
        series={[
          {
            name: 'Implied move %',
            color: ACCENT,
            points: series(samples, (s) => (s.impliedMove === null ? null : s.impliedMove * 100)),
          },
        ]}
        xFormat={timeFormat}
        yFormat={(value) => value.toFixed(2)}
        note={`now ±${fixed(chain.summary.straddle, 0)} pts (${percent(chain.summary.impliedMove)} %)`}
        height={270}
      />
    </div>
  );
}
