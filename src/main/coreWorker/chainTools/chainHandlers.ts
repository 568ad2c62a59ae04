import type { CoreHandlers, CoreInterest } from '../coreApi';
import type { ChainTools } from './chainTools';

type ChainMethodName = Extract<keyof CoreHandlers, `chain.${string}`>;

/** The core's handlers of the `chain` service (issue 13), spread into coreHandlers.ts. */
export function createChainHandlers(chain: ChainTools): Pick<CoreHandlers, ChainMethodName> {
  return {
    'chain.getChain': (params) => chain.getChain(params),
    'chain.getHistory': ({ underlying, expiry }) => chain.getHistory(underlying, expiry),
    'chain.importFile': (params) => chain.importFile(params),
  };
}

/** Which live chains windows watch: only those are republished. */
export function createChainInterest(chain: ChainTools): CoreInterest {
  return { 'chain.onChain': (series) => chain.setInterest(series) };
}
