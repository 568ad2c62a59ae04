import type { CliCommand } from './types';
import { command as serve } from './commands/serve';

/** Every `scalpdesk` command, in the order `--help` lists them. */
export const commands: readonly CliCommand[] = [serve];
