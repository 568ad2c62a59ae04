import { useState } from 'react';
import type { ChainSourceView } from '../../../shared/api/chainViews';
import '../chain/chain.css';
import { ChainImportButton } from '../chain/ChainImportButton';
import { ChainSummary } from '../chain/ChainSummary';
import { ChainTable } from '../chain/ChainTable';
import { clockTime, marketTimeZone } from '../chain/chainFormat';
import { GreeksIvView, OiTrackerView, StraddleView } from '../chain/SessionViews';
import { GexView, IvSmileView, MaxPainView, OiProfileView, VolSurfaceView } from '../chain/StrikeViews';
import type { ChainSelection } from '../chain/useChainData';
import { useChainData } from '../chain/useChainData';
import { useWorkstation } from '../store';

/** The nine views of the option tools, as tabs. */
const TABS = [
  'Option chain',
  'Greeks & IV',
  'OI tracker',
  'Max pain',
  'Straddle',
  'Vol surface',
  'GEX',
  'IV smile',
  'OI profile',
] as const;
type Tab = (typeof TABS)[number];

const tabId = (tab: Tab): string => `chain-tab-${tab.replace(/\W+/g, '-').toLowerCase()}`;

/**
 * The option chain tools (issue 13): a live chain (the built-in exchange's or a broker's) or an
 * imported NSE/CSV file, its summary, and nine views over it and over the session's samples.
 */
export function ChainWindow(): React.JSX.Element {
  const [selection, setSelection] = useState<ChainSelection>({
    source: 'live',
    underlying: null,
    expiry: null,
  });
  const [revision, setRevision] = useState(0);
  const [tab, setTab] = useState<Tab>('Option chain');
  const { chain, history, error } = useChainData(selection, revision);
  const timeZone = marketTimeZone(useWorkstation((state) => state.info?.marketProfile));
  const choose = (changes: Partial<ChainSelection>): void =>
    setSelection((current) => ({ ...current, ...changes }));

  return (
    <div className="chain-window">
      <div className="toolbar chain-toolbar">
        <label>
          Source{' '}
          <select
            aria-label="Chain source"
            value={selection.source}
            onChange={(event) =>
              choose({ source: event.currentTarget.value as ChainSourceView, underlying: null, expiry: null })
            }
          >
            <option value="live">Live</option>
            <option value="imported">Imported file</option>
          </select>
        </label>
        <label>
          Underlying{' '}
          <select
            aria-label="Underlying"
            value={chain?.underlying ?? ''}
            disabled={!chain || chain.source === 'imported'}
            onChange={(event) => choose({ underlying: event.currentTarget.value, expiry: null })}
          >
            {(chain?.underlyings ?? []).map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          Expiry{' '}
          <select
            aria-label="Expiry"
            value={chain?.expiry ?? ''}
            disabled={!chain}
            onChange={(event) => choose({ expiry: event.currentTarget.value })}
          >
            {(chain?.expiries ?? []).map((expiry) => (
              <option key={expiry}>{expiry}</option>
            ))}
          </select>
        </label>
        <ChainImportButton
          onImported={() => {
            setSelection({ source: 'imported', underlying: null, expiry: null });
            setRevision((value) => value + 1);
          }}
        />
        {chain && (
          <span className="muted num chain-stamp">
            {chain.sourceName} · {chain.underlying} {chain.expiry} · {clockTime(chain.timestampUs, timeZone)}{' '}
            · {chain.rows.length} strikes
          </span>
        )}
      </div>
      {error && (
        <p role="alert" className="chain-error">
          {error}
        </p>
      )}
      {chain && <ChainSummary chain={chain} />}
      <div role="tablist" aria-label="Chain views" className="chain-tabs">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={tabId(name)}
            aria-selected={tab === name}
            aria-controls="chain-tab-panel"
            onClick={() => setTab(name)}
          >
            {name}
          </button>
        ))}
      </div>
      <section id="chain-tab-panel" role="tabpanel" aria-labelledby={tabId(tab)} className="chain-panel">
        {!chain ? (
          <p className="muted">{error ? 'no chain to show' : 'loading the chain…'}</p>
        ) : tab === 'Option chain' ? (
          <ChainTable chain={chain} />
        ) : tab === 'Greeks & IV' ? (
          <GreeksIvView chain={chain} history={history} timeZone={timeZone} />
        ) : tab === 'OI tracker' ? (
          <OiTrackerView chain={chain} history={history} timeZone={timeZone} />
        ) : tab === 'Max pain' ? (
          <MaxPainView chain={chain} history={history} timeZone={timeZone} />
        ) : tab === 'Straddle' ? (
          <StraddleView chain={chain} history={history} timeZone={timeZone} />
        ) : tab === 'Vol surface' ? (
          <VolSurfaceView chain={chain} />
        ) : tab === 'GEX' ? (
          <GexView chain={chain} />
        ) : tab === 'IV smile' ? (
          <IvSmileView chain={chain} />
        ) : (
          <OiProfileView chain={chain} />
        )}
      </section>
    </div>
  );
}
