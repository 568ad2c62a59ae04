import type { PricingInput } from '../../../shared/options/types';
import { priceOption } from '../../../shared/options/pricing';
import type { ParsedFlags } from '../flags';
import { parseFlags, requireFlag } from '../flags';
import type { CliCommand } from '../types';
import { UsageError } from '../types';

// Contract flags shared with `iv` (kept here: the commands folder holds commands only).

/** Flags shared by `price` and `iv`: the contract and the market, everything but vol / price. */
export const CONTRACT_FLAGS = {
  model: 'string',
  type: 'string',
  spot: 'number',
  strike: 'number',
  years: 'number',
  rate: 'number',
  div: 'number',
} as const;

export const CONTRACT_USAGE = [
  '  --model bs|black76   Black-Scholes-Merton (spot) or Black-76 (--spot is the futures/forward price)',
  '  --type call|put',
  '  --spot S             underlying price (forward for black76)',
  '  --strike K',
  '  --years T            time to expiry in years (ACT/365: 1 day = 0.00274)',
  '  --rate r             continuously compounded risk-free rate, 0.07 = 7 %',
  '  --div q              continuous dividend yield, 0.02 = 2 % (bs only; default 0)',
];

/** A contract as the flags give it: the pricing inputs without a volatility (priced or solved for). */
export type ContractFlags = Omit<PricingInput, 'vol' | 'dividendYield'> & {
  readonly dividendYield: number | undefined;
};

/** Reads and checks the contract flags; every problem is a UsageError naming the flag. */
export function contractFromFlags(flags: ParsedFlags<typeof CONTRACT_FLAGS>): ContractFlags {
  const model = requireFlag(flags.model, 'model');
  if (model !== 'bs' && model !== 'black76')
    throw new UsageError(`--model must be bs or black76, got "${model}"`);
  const type = requireFlag(flags.type, 'type');
  if (type !== 'call' && type !== 'put') throw new UsageError(`--type must be call or put, got "${type}"`);
  const spot = requireFlag(flags.spot, 'spot');
  const strike = requireFlag(flags.strike, 'strike');
  const years = requireFlag(flags.years, 'years');
  const rate = requireFlag(flags.rate, 'rate');
  if (!(spot > 0)) throw new UsageError(`--spot must be positive, got ${spot}`);
  if (!(strike > 0)) throw new UsageError(`--strike must be positive, got ${strike}`);
  if (!(years >= 0)) throw new UsageError(`--years must not be negative, got ${years}`);
  if (model === 'black76' && flags.div !== undefined) {
    throw new UsageError(
      '--div applies to the bs model only (a futures price already carries the dividends)',
    );
  }
  return { model, type, spot, strike, years, rate, dividendYield: flags.div };
}

export function rejectPositional(positional: readonly string[]): void {
  if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
}

export const command: CliCommand = {
  name: 'price',
  summary: 'price a European option (Black-Scholes-Merton or Black-76) and print its greeks as JSON',
  usage: [
    'scalpdesk price --model bs|black76 --type call|put --spot S --strike K --years T --rate r --vol v [--div q]',
    '',
    ...CONTRACT_USAGE,
    '  --vol v              annualised volatility, 0.2 = 20 %',
    '',
    'Prints {price, delta, gamma, vega, theta, thetaPerDay, rho}: vega per 1.00 of vol (divide by 100',
    'for one vol point), rho per 1.00 of rate, theta per year and thetaPerDay = theta / 365.',
  ].join('\n'),
  async run(args, io) {
    const { flags, positional } = parseFlags(args, { ...CONTRACT_FLAGS, vol: 'number' });
    rejectPositional(positional);
    const contract = contractFromFlags(flags);
    const vol = requireFlag(flags.vol, 'vol');
    if (!(vol >= 0)) throw new UsageError(`--vol must not be negative, got ${vol}`);
    const greeks = priceOption({ ...contract, vol });
    io.stdout(`${JSON.stringify(greeks, null, 2)}\n`);
    return 0;
  },
};
