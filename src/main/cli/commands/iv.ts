import { impliedVolatility } from '../../../shared/options/pricing';
import { parseFlags, requireFlag } from '../flags';
import type { CliCommand } from '../types';
import { CONTRACT_FLAGS, CONTRACT_USAGE, contractFromFlags, rejectPositional } from './price';

export const command: CliCommand = {
  name: 'iv',
  summary: 'implied volatility of a European option price (Black-Scholes-Merton or Black-76), as JSON',
  usage: [
    'scalpdesk iv --model bs|black76 --type call|put --price P --spot S --strike K --years T --rate r [--div q]',
    '',
    '  --price P            the option price',
    ...CONTRACT_USAGE,
    '',
    'Prints {iv} (a fraction, 0.2 = 20 %). A price outside the no-arbitrage bounds, or one that equals',
    'its intrinsic value to double precision (no time value left), has no implied volatility: exit 1.',
  ].join('\n'),
  async run(args, io) {
    const { flags, positional } = parseFlags(args, { ...CONTRACT_FLAGS, price: 'number' });
    rejectPositional(positional);
    const contract = contractFromFlags(flags);
    const price = requireFlag(flags.price, 'price');
    const result = impliedVolatility({ ...contract, price });
    if (!result.ok) {
      io.stderr(`scalpdesk iv: no implied volatility: ${result.reason}\n`);
      return 1;
    }
    io.stdout(`${JSON.stringify({ iv: result.iv }, null, 2)}\n`);
    return 0;
  },
};
