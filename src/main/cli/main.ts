import { APP_VERSION } from '../platform/appInfo';
import { commands } from './registry';
import type { CliIo } from './types';
import { UsageError } from './types';

export function usage(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `scalpdesk ${APP_VERSION} — trading workstation for intraday options and index scalpers`,
    '',
    'Usage: scalpdesk <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    '  --help, -h     show this help (or `scalpdesk <command> --help`)',
    '  --version, -v  print the version',
  ].join('\n');
}

/** Runs one CLI invocation and returns the exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    if (first === undefined) {
      io.stderr(`${usage()}\n`);
      return 2;
    }
    io.stdout(`${usage()}\n`);
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${APP_VERSION}\n`);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === first);
  if (!command) {
    io.stderr(
      `scalpdesk: unknown ${first.startsWith('-') ? 'option' : 'command'} "${first}"\n\n${usage()}\n`,
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`scalpdesk ${command.name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    io.stderr(`scalpdesk ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
