import { APP_VERSION, builtPaths } from '../../platform/appInfo';
import { startServe } from '../../hosts/serve';
import { loadOrCreateServeToken } from '../../hosts/serveToken';
import { defaultDataDir } from '../../platform/paths';
import { loadSettings } from '../../platform/settings';
import type { StartupError } from '../../platform/startupChecks';
import { startWorkstation } from '../../hosts/workstation';
import { applyBrokerOverride } from '../../brokers/config/brokerOverride';
import { parseFlags } from '../flags';
import type { CliCommand } from '../types';
import { UsageError } from '../types';
import path from 'node:path';

export const command: CliCommand = {
  name: 'serve',
  summary: 'run the workstation headless and serve its windows to a browser on 127.0.0.1',
  usage: [
    'scalpdesk serve [--port N] [--host H] [--data-dir DIR] [--broker openalgo|alpaca|paper] [--confirm-live]',
    '',
    '  --port N        TCP port (0 or omitted: a free port)',
    '  --host H        interface to bind (default 127.0.0.1; anything else exposes the workstation)',
    '  --data-dir DIR  settings and ledger folder (default: the OS user-data folder)',
    '  --broker KIND   trade and take market data through openalgo or alpaca (secrets from the',
    '                  environment or broker.keyFile), or the built-in paper broker',
    '  --confirm-live  required when settings broker.paper is false (real-money Alpaca)',
    '',
    'Prints the URL to open; it carries the token kept in DIR/serve-token (mode 0600), which survives',
    'restarts so open pages reconnect; delete that file to issue a new one.',
  ].join('\n'),
  async run(args, io) {
    const { flags, positional } = parseFlags(args, {
      port: 'number',
      host: 'string',
      'data-dir': 'string',
      broker: 'string',
      'confirm-live': 'boolean',
    });
    if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
    const port = flags.port ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0–65535');
    const dataDir = path.resolve(flags['data-dir'] ?? defaultDataDir());
    let settings = loadSettings(dataDir, (message) => io.stderr(`warning: ${message}\n`));
    try {
      settings = applyBrokerOverride(settings, flags.broker, flags['confirm-live'] === true);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }

    // A start-up fault after start-up returned (see WorkstationOptions.onFatal) ends the wait below.
    // Listen for Ctrl+C / SIGTERM before anything starts: a signal that lands while the workers are
    // still starting must stop the host in order too, never kill it with Node's default handler.
    const signalled = new Promise<null>((resolve) => {
      const stop = (): void => resolve(null);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    let reportFatal: (error: StartupError) => void = () => undefined;
    const fatal = new Promise<StartupError>((resolve) => (reportFatal = resolve));
    const workstation = await startWorkstation({
      dataDir,
      workerDir: builtPaths.workerDir,
      host: 'browser',
      version: APP_VERSION,
      settings,
      log: (level, message) => {
        if (level !== 'debug') io.stderr(`${level}: ${message}\n`);
      },
      onFatal: (error) => reportFatal(error),
    });
    const server = await startServe({
      router: workstation.router,
      rendererDir: builtPaths.rendererDir,
      host: flags.host ?? '127.0.0.1',
      port,
      token: loadOrCreateServeToken(dataDir),
      log: (level, message) => io.stderr(`${level}: ${message}\n`),
    });
    if (flags.host && flags.host !== '127.0.0.1' && flags.host !== 'localhost')
      io.stderr(`warning: bound to ${flags.host}; anyone who can reach it and has the token can trade\n`);
    io.stdout(`Scalpdesk ${APP_VERSION} (browser mode) — data in ${dataDir}\n`);
    io.stdout(`${server.url}\n`);

    const failure = await Promise.race([signalled, fatal]);
    if (!failure) io.stderr('stopping…\n');
    await server.close();
    await workstation.close();
    if (failure) throw failure;
    return 0;
  },
};
