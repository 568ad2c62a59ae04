import { useEffect, useMemo, useRef } from 'react';
import type { InstrumentView } from '../../../shared/api/views';
import { useHotkeys } from '../shell/useHotkeys';
import { useWorkstation, watchLadder } from '../store';
import { AttachedGroupsTable } from '../ladder/AttachedGroupsTable';
import type { ContractChoice } from '../ladder/contractChoice';
import { routeParam } from '../shell/windowKinds';
import {
  atmStrike,
  choiceOfSymbol,
  chooseContract,
  contractOf,
  expiriesOf,
  optionsOf,
  strikesOf,
  underlyingsOf,
  useContractChoice,
} from '../ladder/contractChoice';
import { ContractPicker } from '../ladder/ContractPicker';
import { IndexStrip } from '../ladder/IndexStrip';
import { LadderPanel } from '../ladder/LadderPanel';
import { cancelLastOrder, placeEntry } from '../ladder/ladderTrading';
import { applyConfiguredLadder } from '../ladder/ladderSettings';
import { OrderSettingsBar } from '../ladder/OrderSettingsBar';
import { PositionsPanel } from '../ladder/PositionsPanel';
import { requestRecentre } from '../ladder/recentre';
import { WorkingOrdersTable } from '../ladder/WorkingOrdersTable';

/** The profile's main index first (NIFTY, SPY), else the first underlying with options. */
const MAIN_UNDERLYINGS = ['NIFTY', 'SPY'];

/** Fills in what the choice lacks: underlying, nearest expiry, the strike at the money. */
function completeChoice(
  instruments: readonly InstrumentView[],
  choice: ContractChoice,
  spot: number | null,
): Partial<ContractChoice> | null {
  const underlyings = underlyingsOf(instruments);
  if (underlyings.length === 0) return null;
  const underlying = underlyings.includes(choice.underlying)
    ? choice.underlying
    : (MAIN_UNDERLYINGS.find((name) => underlyings.includes(name)) ?? underlyings[0]);
  const options = optionsOf(instruments, underlying);
  const expiries = expiriesOf(options);
  const expiry = expiries.includes(choice.expiry) ? choice.expiry : expiries[0];
  const strikes = strikesOf(options, expiry);
  if (
    choice.strike !== null &&
    strikes.includes(choice.strike) &&
    underlying === choice.underlying &&
    expiry === choice.expiry
  )
    return null;
  const strike = atmStrike(strikes, spot) ?? strikes[Math.floor(strikes.length / 2)];
  return { underlying, expiry, strike };
}

/**
 * The scalping ladder window (issue 11): index strip, contract picker, CE and PE ladders side by side
 * (or one), lots and attached exits, positions in every symbol, working orders and TP/SL groups.
 * Hotkeys: B/S the first ladder shown, ↑/↓ CE, →/← PE, Esc cancels the last order, R re-centres
 * (F6/F7 and `?` belong to the shell, in every window).
 */
export function LadderWindow(): React.JSX.Element {
  const instruments = useWorkstation((state) => state.instruments);
  const choice = useContractChoice();
  // The spot as a number, not the index's whole view: the window (picker, lots, positions) renders
  // again when the spot moves, not on every other change to the index's book.
  const spot = useWorkstation((state) => {
    const indexView = state.ladders[choice.underlying];
    return indexView?.lastPrice == null ? null : indexView.lastPrice / 10 ** indexView.priceDecimals;
  });
  const call = useMemo(() => contractOf(instruments, choice, 'CE'), [instruments, choice]);
  const put = useMemo(() => contractOf(instruments, choice, 'PE'), [instruments, choice]);

  // A window opened for one contract (`#/ladder?symbol=…`, from the chain) starts on it, once.
  const linkedSymbol = useRef(routeParam('symbol'));
  useEffect(() => {
    const linked = linkedSymbol.current ? choiceOfSymbol(instruments, linkedSymbol.current) : null;
    if (!linked) return;
    linkedSymbol.current = null;
    chooseContract(linked);
  }, [instruments]);

  useEffect(() => {
    const changes = completeChoice(instruments, choice, spot);
    if (changes) chooseContract(changes);
    // The spot only matters for the first choice; later ticks must not move the trader's strike.
  }, [instruments, choice.underlying, choice.expiry, choice.strike, spot === null]);

  // settings.json's lot limit and default exits (system info), under this profile's own exits.
  const configuredLadder = useWorkstation((state) => state.info?.ladder);
  useEffect(() => {
    if (configuredLadder) applyConfiguredLadder(configuredLadder);
  }, [configuredLadder]);

  useEffect(() => (choice.underlying ? watchLadder(choice.underlying) : undefined), [choice.underlying]);
  useEffect(() => (call ? watchLadder(call.symbol) : undefined), [call]);
  useEffect(() => (put ? watchLadder(put.symbol) : undefined), [put]);

  const showCall = call !== undefined && choice.layout !== 'PE';
  const showPut = put !== undefined && choice.layout !== 'CE';
  const primary = showCall ? call : showPut ? put : undefined;
  const market = (instrument: InstrumentView | undefined, side: 'buy' | 'sell') => () => {
    if (instrument) void placeEntry(instrument, side, { type: 'market' });
  };
  useHotkeys({
    buy: market(primary, 'buy'),
    sell: market(primary, 'sell'),
    buyCall: market(call, 'buy'),
    sellCall: market(call, 'sell'),
    buyPut: market(put, 'buy'),
    sellPut: market(put, 'sell'),
    cancelLast: cancelLastOrder,
    recentre: requestRecentre,
  });

  return (
    <div className="ladder-window">
      {choice.underlying && <IndexStrip underlying={choice.underlying} />}
      <ContractPicker instruments={instruments} spot={spot} />
      <OrderSettingsBar instrument={primary} />
      <div className={`ladders ${showCall && showPut ? 'two' : 'one'}`}>
        {showCall && <LadderPanel instrument={call} label="CE" />}
        {showPut && <LadderPanel instrument={put} label="PE" />}
        {!primary && <p className="muted">waiting for the instrument list…</p>}
      </div>
      <PositionsPanel />
      <details className="orders-details">
        <summary>Working orders and TP/SL groups</summary>
        <WorkingOrdersTable instruments={instruments} />
        <AttachedGroupsTable />
      </details>
    </div>
  );
}
