import type { BenchSuite } from './types';
import { suite as chart } from './chartUi';
import { suite as engine } from './engine';
import { suite as exchange } from './exchange';
import { suite as ladder } from './ladderUi';
import { suite as ledger } from './ledger';
import { suite as options } from './options';
import { suite as queue } from './queue';
import { suite as replay } from './replay';

/** Every benchmark `scalpdesk bench` / `npm run bench` runs, in order. */
export const benchSuites: readonly BenchSuite[] = [
  engine,
  options,
  ledger,
  exchange,
  replay,
  ladder,
  chart,
  queue,
];
