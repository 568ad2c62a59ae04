import type { CliCommand } from './types';
import { command as bench } from './commands/bench';
import { command as broker } from './commands/broker';
import { command as chain } from './commands/chain';
import { command as evaluate } from './commands/evaluate';
import { command as exchange } from './commands/exchange';
import { command as iv } from './commands/iv';
import { command as ledger } from './commands/ledger';
import { command as price } from './commands/price';
import { command as replay } from './commands/replay';
import { command as serve } from './commands/serve';
import { command as simulate } from './commands/simulate';
import { command as sweep } from './commands/sweep';

/** Every `scalpdesk` command, in the order `--help` lists them. */
export const commands: readonly CliCommand[] = [
  serve,
  broker,
  exchange,
  simulate,
  replay,
  evaluate,
  sweep,
  ledger,
  price,
  iv,
  chain,
  bench,
];
