import { benchSuites } from '../../bench/registry';
import { parseFlags } from '../flags';
import type { CliCommand } from '../types';
import { UsageError } from '../types';

export const command: CliCommand = {
  name: 'bench',
  summary: 'measure engine, options analytics, ledger and replay speed; prints JSON',
  usage: [
    'scalpdesk bench [SUITE...] [--quick]',
    '',
    `Suites: ${benchSuites.map((suite) => suite.name).join(', ')} (default: all).`,
    '  --quick   shorter runs (smoke test); figures are then only indicative',
    '',
    'Prints one JSON object with a section per suite. The engine figures are repeated at the top',
    'level: eventsPerSecond, baselineEventsPerSecond, decisionLatencyUs {p50,p99,p999}, heapUsedMB.',
    'Progress goes to stderr.',
  ].join('\n'),
  async run(args, io) {
    const { flags, positional } = parseFlags(args, { quick: 'boolean' });
    const unknown = positional.filter((name) => !benchSuites.some((suite) => suite.name === name));
    if (unknown.length > 0) throw new UsageError(`unknown suite "${unknown[0]}"`);
    const selected =
      positional.length > 0 ? benchSuites.filter((suite) => positional.includes(suite.name)) : benchSuites;
    const report: Record<string, unknown> = {
      machine: {
        node: process.version,
        platform: process.platform,
        arch: process.arch,
        cpus: (await import('node:os')).cpus().length,
      },
    };
    for (const suite of selected) {
      io.stderr(`bench: ${suite.name} — ${suite.summary}…\n`);
      const started = performance.now();
      const figures = await suite.run({ quick: flags.quick ?? false });
      report[suite.name] = figures;
      io.stderr(`bench: ${suite.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      if (suite.name === 'engine') Object.assign(report, figures);
    }
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  },
};
