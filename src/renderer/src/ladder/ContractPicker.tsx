import { useMemo, useState } from 'react';
import type { InstrumentView } from '../../../shared/api/views';
import type { LadderLayout } from './contractChoice';
import {
  atmStrike,
  chooseContract,
  expiriesOf,
  optionsOf,
  searchContracts,
  strikesAroundAtm,
  strikesOf,
  underlyingsOf,
  useContractChoice,
} from './contractChoice';

/** Strikes either side of the money the strike list offers. */
const STRIKES_AROUND_ATM = 10;
const LAYOUTS: ReadonlyArray<{ readonly value: LadderLayout; readonly label: string }> = [
  { value: 'both', label: 'CE+PE' },
  { value: 'CE', label: 'CE' },
  { value: 'PE', label: 'PE' },
];

/**
 * Underlying → expiry → strike (ATM ± 10, the money marked) → CE / PE / both, and a search box that
 * finds any contract by words of its symbol. Keys typed here never reach the trading hotkeys.
 */
export function ContractPicker({
  instruments,
  spot,
}: {
  readonly instruments: readonly InstrumentView[];
  /** The underlying's value in its own price (e.g. 24512.35), for the ATM mark. */
  readonly spot: number | null;
}): React.JSX.Element {
  const choice = useContractChoice();
  const [query, setQuery] = useState('');
  const underlyings = useMemo(() => underlyingsOf(instruments), [instruments]);
  const options = useMemo(() => optionsOf(instruments, choice.underlying), [instruments, choice.underlying]);
  const expiries = useMemo(() => expiriesOf(options), [options]);
  const strikes = useMemo(() => strikesOf(options, choice.expiry), [options, choice.expiry]);
  const atm = atmStrike(strikes, spot);
  const shownStrikes = strikesAroundAtm(strikes, atm, STRIKES_AROUND_ATM);
  if (choice.strike !== null && !shownStrikes.includes(choice.strike)) shownStrikes.push(choice.strike);
  shownStrikes.sort((a, b) => a - b);
  const matches = searchContracts(instruments, query);
  // The hint speaks the market on screen: "nifty 26000 pe" on NSE; "spy 690" on a US listing, whose
  // one-letter C / P would match inside any symbol.
  const nse = options.some((option) => option.symbol.endsWith('-PE'));
  const hint = choice.underlying
    ? ['search:', choice.underlying.toLowerCase(), atm ?? strikes[0] ?? '', nse ? 'pe' : '']
        .filter((part) => part !== '')
        .join(' ')
    : 'search: underlying strike';

  const pick = (instrument: InstrumentView): void => {
    chooseContract({
      underlying: instrument.underlying ?? '',
      expiry: instrument.expiry ?? '',
      strike: instrument.strike ?? null,
      ...(choice.layout === 'both' ? {} : { layout: instrument.right ?? 'CE' }),
    });
    setQuery('');
  };

  return (
    <div className="contract-picker" role="group" aria-label="Contract">
      <select
        aria-label="Underlying"
        value={choice.underlying}
        onChange={(event) => chooseContract({ underlying: event.target.value, expiry: '', strike: null })}
      >
        {underlyings.map((name) => (
          <option key={name}>{name}</option>
        ))}
      </select>
      <select
        aria-label="Expiry"
        value={choice.expiry}
        onChange={(event) => chooseContract({ expiry: event.target.value, strike: null })}
      >
        {expiries.map((expiry) => (
          <option key={expiry}>{expiry}</option>
        ))}
      </select>
      <select
        aria-label="Strike"
        value={choice.strike ?? ''}
        onChange={(event) => chooseContract({ strike: Number(event.target.value) })}
      >
        {shownStrikes.map((strike) => (
          <option key={strike} value={strike}>
            {strike}
            {strike === atm ? ' ● ATM' : ''}
          </option>
        ))}
      </select>
      <div className="segmented" role="radiogroup" aria-label="Ladders shown">
        {LAYOUTS.map((layout) => (
          <button
            key={layout.value}
            type="button"
            role="radio"
            aria-checked={choice.layout === layout.value}
            onClick={() => chooseContract({ layout: layout.value })}
          >
            {layout.label}
          </button>
        ))}
      </div>
      <div className="contract-search">
        <input
          type="search"
          aria-label="Search contract"
          placeholder={hint}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && matches[0]) pick(matches[0]);
            if (event.key === 'Escape') setQuery('');
          }}
        />
        {matches.length > 0 && (
          <ul role="listbox" aria-label="Matching contracts">
            {matches.map((instrument) => (
              <li
                key={instrument.symbol}
                role="option"
                aria-selected={false}
                onMouseDown={() => pick(instrument)}
              >
                {instrument.symbol}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
