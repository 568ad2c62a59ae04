import { readTextFile } from '../../platform/regularFile';
import { analyzeChain } from '../../../shared/options/chain/analyzeChain';
import type { ChainImport } from '../../../shared/options/importers/chainImport';
import { ChainImportError } from '../../../shared/options/importers/chainImport';
import { importCsvChain } from '../../../shared/options/importers/csvChain';
import { nseDate } from '../../../shared/options/importers/dates';
import { importNseOptionChain } from '../../../shared/options/importers/nseOptionChain';
import { parseFlags } from '../flags';
import type { CliCommand } from '../types';
import { CHAIN_FILE_LIMIT_BYTES } from '../../backtest/import/nseChain';
import { UsageError } from '../types';

export const command: CliCommand = {
  name: 'chain',
  summary: 'analyse an option chain file (NSE option-chain JSON or CSV): PCR, max pain, ATM IV, GEX… as JSON',
  usage: [
    'scalpdesk chain FILE [--expiry DD-Mon-YYYY] [--lot-size N] [--rate r]',
    '',
    '  FILE           NSE option-chain API JSON, or a CSV chain (*.csv, columns in docs/options-analytics.md)',
    '  --expiry D     expiry to analyse, DD-Mon-YYYY or YYYY-MM-DD (default: the nearest in the file)',
    '  --lot-size N   units per contract of OI, for GEX in currency (NSE OI is in contracts; default 1)',
    '  --rate r       risk-free rate for the gamma behind GEX (default 0)',
    '',
    'Prints spot, expiry, atmStrike, pcrOi, pcrVolume, maxPain, totalCallOi, totalPutOi, atmIv (fraction),',
    'straddle, impliedMove (straddle / spot), topGammaStrikes, netGex, gexFlipZones and more.',
    'NSE expiries end at 15:30 IST; the snapshot time is records.timestamp (IST).',
  ].join('\n'),
  async run(args, io) {
    const { flags, positional } = parseFlags(args, {
      expiry: 'string',
      'lot-size': 'number',
      rate: 'number',
    });
    if (positional.length === 0) throw new UsageError('FILE is required');
    if (positional.length > 1) throw new UsageError(`unexpected argument "${positional[1]}"`);
    const lotSize = flags['lot-size'] ?? 1;
    if (!(lotSize > 0)) throw new UsageError(`--lot-size must be positive, got ${lotSize}`);
    const file = positional[0];

    let text: string;
    try {
      text = readTextFile(file, CHAIN_FILE_LIMIT_BYTES);
    } catch (error) {
      io.stderr(`scalpdesk chain: cannot read ${file}: ${(error as Error).message}\n`);
      return 1;
    }
    let imported: ChainImport;
    try {
      const options = { expiry: flags.expiry, contractMultiplier: lotSize };
      imported = file.toLowerCase().endsWith('.csv')
        ? importCsvChain(text, options)
        : importNseOptionChain(text, options);
    } catch (error) {
      if (!(error instanceof ChainImportError)) throw error;
      io.stderr(`scalpdesk chain: ${file}: ${error.message}\n`);
      return 1;
    }

    const snapshot = imported.snapshot;
    const analytics = analyzeChain(snapshot, { rate: flags.rate });
    const report = {
      underlying: analytics.underlying,
      spot: analytics.spot,
      expiry: nseDate(analytics.expiry),
      timestamp: new Date(snapshot.timestampUs / 1000).toISOString(),
      yearsToExpiry: analytics.yearsToExpiry,
      expiries: imported.expiries.map(nseDate),
      strikes: snapshot.rows.length,
      atmStrike: analytics.atmStrike,
      pcrOi: analytics.pcrOi,
      pcrVolume: analytics.pcrVolume,
      maxPain: analytics.maxPain,
      totalCallOi: analytics.totalCallOi,
      totalPutOi: analytics.totalPutOi,
      totalCallVolume: analytics.totalCallVolume,
      totalPutVolume: analytics.totalPutVolume,
      oiChangeCE: analytics.oiChangeCE,
      oiChangePE: analytics.oiChangePE,
      atmIv: analytics.atmIv,
      straddle: analytics.straddle,
      impliedMove: analytics.impliedMove,
      oneSigmaMove: analytics.oneSigmaMove,
      spreadWidth: analytics.spreadWidth,
      topGammaStrikes: analytics.gex.topGammaStrikes,
      netGex: analytics.gex.netGex,
      gexFlipLevel: analytics.gex.flipLevels[0] ?? null,
      gexFlipZones: analytics.gex.flipZones,
      contractMultiplier: snapshot.contractMultiplier,
      contractsWithoutIv: analytics.gex.missingIv,
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  },
};
