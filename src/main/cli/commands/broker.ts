import path from 'node:path';
import { loadBrokerSecrets } from '../../brokers/config/brokerSecrets';
import { applyBrokerOverride } from '../../brokers/config/brokerOverride';
import { testBrokerConnection } from '../../brokers/config/connectionTest';
import { defaultDataDir } from '../../platform/paths';
import { loadSettings } from '../../platform/settings';
import { parseFlags } from '../flags';
import type { CliCommand } from '../types';
import { UsageError } from '../types';

export const command: CliCommand = {
  name: 'broker',
  summary: 'check the configured broker: authentication, market data and order entry',
  usage: [
    'scalpdesk broker test [--broker openalgo|alpaca] [--data-dir DIR]',
    '',
    '  Uses settings.json (broker.*) and the secrets from SCALPDESK_OPENALGO_API_KEY, or',
    '  SCALPDESK_ALPACA_KEY_ID and SCALPDESK_ALPACA_SECRET_KEY, or broker.keyFile (mode 0600).',
    '  Places no order. Exit code 0 when every check passes, 1 otherwise.',
  ].join('\n'),
  async run(args, io) {
    const { flags, positional } = parseFlags(args, { broker: 'string', 'data-dir': 'string' });
    if (positional[0] !== 'test' || positional.length > 1)
      throw new UsageError('expected: scalpdesk broker test');
    const dataDir = path.resolve(flags['data-dir'] ?? defaultDataDir());
    let settings = loadSettings(dataDir, (message) => io.stderr(`warning: ${message}\n`));
    try {
      settings = applyBrokerOverride(settings, flags.broker, true);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const kind = settings.broker.kind;
    const secrets =
      kind === 'paper' ? {} : loadBrokerSecrets(kind, { env: process.env, keyFile: settings.broker.keyFile });
    const checks = await testBrokerConnection(settings.broker, secrets);
    for (const result of checks)
      io.stdout(`${result.ok ? 'ok  ' : 'FAIL'} ${result.name.padEnd(6)} ${result.detail}\n`);
    return checks.every((result) => result.ok) ? 0 : 1;
  },
};
