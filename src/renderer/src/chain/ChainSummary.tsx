import type { ChainView } from '../../../shared/api/chainViews';
import { compact, fixed, percent, signedCompact } from './chainFormat';

/** The figures a scalper reads first, one line: spot, PCR, max pain, ATM IV and its percentile, straddle. */
export function ChainSummary({ chain }: { readonly chain: ChainView }): React.JSX.Element {
  const s = chain.summary;
  const impliedPoints = s.straddle;
  const figures: ReadonlyArray<readonly [key: string, label: string, value: string]> = [
    ['spot', 'Spot', fixed(s.spot, 2)],
    ['atmStrike', 'ATM', fixed(s.atmStrike, 0)],
    ['pcrOi', 'PCR OI', fixed(s.pcrOi, 2)],
    ['pcrVolume', 'PCR vol', fixed(s.pcrVolume, 2)],
    ['maxPain', 'Max pain', fixed(s.maxPain, 0)],
    ['atmIv', 'ATM IV %', percent(s.atmIv)],
    ['ivPercentile', 'IV pctl', fixed(s.ivPercentile, 0)],
    ['straddle', 'Straddle', fixed(s.straddle, 2)],
    ['impliedMove', 'Impl. move', `±${fixed(impliedPoints, 0)} (${percent(s.impliedMove)}%)`],
    ['oneSigmaMove', '1σ move', fixed(s.oneSigmaMove, 0)],
    ['syntheticFuture', 'Synth fut', fixed(s.syntheticFuture, 2)],
    ['skew25', '25Δ skew', percent(s.skew25)],
    ['callWall', 'Call wall', fixed(s.callWall, 0)],
    ['putWall', 'Put wall', fixed(s.putWall, 0)],
    ['gexFlip', 'GEX flip', fixed(s.gexFlip, 0)],
    ['netGex', 'Net GEX', signedCompact(s.netGex)],
    ['totalOi', 'OI CE/PE', `${compact(s.totalCallOi)}/${compact(s.totalPutOi)}`],
  ];
  return (
    <dl className="chain-summary" aria-label="Chain summary">
      {figures.map(([key, label, value]) => (
        <div key={key}>
          <dt>{label}</dt>
          <dd className="num" data-testid={`summary-${key}`}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
