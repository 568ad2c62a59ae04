import { SimulateError, simulateSessions } from '../../backtest/simulate/simulateSessions';
import { parseFlags } from '../flags';
import type { CliCommand } from '../types';
import { UsageError } from '../types';

export const command: CliCommand = {
  name: 'simulate',
  summary: 'write sessions of the built-in market as recordings, one file per trading day',
  usage: [
    'scalpdesk simulate --profile nse|us --days N --seed S --out DIR [--from DATE] [--minutes M]',
    '                   [--underlying U]',
    '',
    '  --profile nse|us   the market (NIFTY chain on NSE, SPY on the US profile by default)',
    '  --days N           trading days to write, one recording each (DIR/YYYY-MM-DD.sdrec)',
    '  --seed S           seed of the first day; day i uses S + i, so each file stands on its own',
    '  --from DATE        first trading day (YYYY-MM-DD; a holiday or weekend starts on the next)',
    '  --minutes M        simulated minutes from each open (default: the whole session)',
    '  --underlying U     the underlying and its option chain (e.g. BANKNIFTY, QQQ)',
    '  --out DIR          folder of the recordings (created)',
    '',
    'Each file holds the exchange events and the chain context (options context, OI, IV, greeks every',
    '60 s) a paper session on that day would see. Prints JSON: one row per file (day, seed, events).',
    'Same flags give byte-identical files.',
  ].join('\n'),
  async run(args, io) {
    const { flags, positional } = parseFlags(args, {
      profile: 'string',
      days: 'number',
      seed: 'number',
      from: 'string',
      minutes: 'number',
      underlying: 'string',
      out: 'string',
    });
    if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
    const profile = flags.profile;
    if (profile !== 'nse' && profile !== 'us')
      throw new UsageError(
        `--profile must be nse or us, got ${profile === undefined ? 'nothing' : `"${profile}"`}`,
      );
    if (flags.days === undefined) throw new UsageError('--days is required');
    if (flags.seed === undefined) throw new UsageError('--seed is required');
    if (flags.out === undefined) throw new UsageError('--out is required');
    try {
      const days = simulateSessions({
        profile,
        days: flags.days,
        seed: flags.seed,
        from: flags.from,
        minutes: flags.minutes,
        underlying: flags.underlying,
        directory: flags.out,
        onDay: (day, index) =>
          io.stderr(
            `simulate: ${index + 1}/${flags.days} ${day.day} seed ${day.seed} (${day.events} events)\n`,
          ),
      });
      io.stdout(`${JSON.stringify({ profile, recordings: days }, null, 2)}\n`);
      return 0;
    } catch (error) {
      if (error instanceof SimulateError) throw new UsageError(error.message);
      if (error instanceof Error && /date|calendar/i.test(error.message)) {
        io.stderr(`scalpdesk simulate: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};
