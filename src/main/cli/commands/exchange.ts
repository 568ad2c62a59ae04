import { formatZoned } from '../../../shared/domain/instruments/timeZones';
import { ExchangeConfigError } from '../../exchange/config';
import { startExchangeServer } from '../../exchange/server';
import { parseFlags, requireFlag } from '../flags';
import { waitForStopSignal } from '../signals';
import type { CliCommand, CliIo } from '../types';
import { UsageError } from '../types';

const USAGE = [
  'scalpdesk exchange --profile nse|us --seed S [--port N] [--speed X] [--date YYYY-MM-DD]',
  '                   [--symbols A,B] [--strikes N] [--expiries N]',
  '',
  'Runs the built-in simulated exchange on its own as a WebSocket server on 127.0.0.1.',
  '',
  '  --profile nse|us  market: NSE/BSE index options (IST) or US equity options (ET)',
  '  --seed S          integer seed; the same seed and flags replay the same market',
  '  --port N          TCP port (0 or omitted: a free port)',
  '  --speed X         simulated seconds per real second (default 1)',
  '  --date D          first trading day to simulate (default 2026-01-06 nse, 2026-01-09 us)',
  '  --symbols A,B     underlyings to simulate (default: all in the profile)',
  '  --strikes N       strikes listed each side of the money (default 10)',
  '  --expiries N      expiries listed per underlying (default 2)',
  '',
  'Prints the ws:// URL on stdout (one line) and runs until SIGINT or SIGTERM.',
  'Protocol: docs/exchange-protocol.md.',
].join('\n');

const FLAGS = {
  profile: 'string',
  seed: 'number',
  port: 'number',
  speed: 'number',
  date: 'string',
  symbols: 'string',
  strikes: 'number',
  expiries: 'number',
} as const;

/** The command body with the stop trigger injected, so tests can stop it without signalling the test runner. */
export async function runExchange(
  args: readonly string[],
  io: CliIo,
  waitForStop: () => Promise<string>,
): Promise<number> {
  const { flags, positional } = parseFlags(args, FLAGS);
  if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
  const profile = requireFlag(flags.profile, 'profile');
  if (profile !== 'nse' && profile !== 'us')
    throw new UsageError(`--profile must be nse or us, got "${profile}"`);
  const seed = requireFlag(flags.seed, 'seed');
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, got ${seed}`);
  const port = flags.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0–65535, got ${port}`);
  const speed = flags.speed ?? 1;
  if (!(speed > 0)) throw new UsageError(`--speed must be a positive number, got ${speed}`);
  const symbols = flags.symbols
    ?.split(',')
    .map((symbol) => symbol.trim().toUpperCase())
    .filter((symbol) => symbol !== '');

  let server;
  try {
    server = await startExchangeServer({
      profile,
      seed,
      port,
      speed,
      ...(flags.date === undefined ? {} : { startDate: flags.date }),
      ...(symbols === undefined ? {} : { symbols }),
      ...(flags.strikes === undefined ? {} : { strikesAroundAtm: flags.strikes }),
      ...(flags.expiries === undefined ? {} : { expiriesPerUnderlying: flags.expiries }),
    });
  } catch (error) {
    // Configuration mistakes are the user's input: report them as usage errors (exit 2).
    if (error instanceof ExchangeConfigError) throw new UsageError(error.message);
    throw error;
  }
  const simulation = server.simulation;
  const session = simulation.session();
  io.stdout(`${server.url}\n`);
  io.stderr(
    `exchange: ${profile} seed ${seed} speed ${speed}× — ${simulation.underlyingSymbols().join(', ')}, ` +
      `${simulation.instruments().length} instruments; session ${session.date} from ` +
      `${formatZoned(simulation.calendar.timeZone, session.openUs)}\n`,
  );
  const signal = await waitForStop();
  io.stderr(`exchange: ${signal}, stopping\n`);
  await server.close();
  return 0;
}

export const command: CliCommand = {
  name: 'exchange',
  summary: 'run the built-in simulated exchange standalone (WebSocket on 127.0.0.1)',
  usage: USAGE,
  run(args, io) {
    return runExchange(args, io, waitForStopSignal);
  },
};
