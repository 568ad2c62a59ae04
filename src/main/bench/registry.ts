import type { BenchSuite } from './types';
import { suite as exchange } from './exchange';
import { suite as options } from './options';

/** Every benchmark `scalpdesk bench` / `npm run bench` runs, in order. */
export const benchSuites: readonly BenchSuite[] = [options, exchange];
