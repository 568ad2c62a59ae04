import type { CoreHandlers, CoreInterest } from './coreApi';
import type { CoreService } from './coreService';
import type { ReplayController } from './replayWindow/replayController';
import { createAutoHandlers } from './autoControls';
import type { PresetStore } from './presetStore';
import type { ChainTools } from './chainTools/chainTools';
import { createChainHandlers, createChainInterest } from './chainTools/chainHandlers';

export interface CoreHandlerDeps {
  /** The live desk's service; throws UNAVAILABLE while the core is still starting. */
  readonly service: () => CoreService;
  readonly replay: ReplayController;
  /** Lowers the kill flag shared with main, which main raised before forwarding the kill switch. */
  readonly clearKillFlag: () => void;
  /** The trader's saved preset versions (the auto-trade window's editor). */
  readonly presets: PresetStore;
  /** The option chain window's chains, imports and history. */
  readonly chain: ChainTools;
}

/**
 * The core worker's handler for each of its API methods, by the contract's wire name. Params arrive
 * validated by main; `origin.source` is main's stamp for whatever a window places. A new core method
 * of the contract fails to type-check until it has a line here.
 */
export function createCoreHandlers({
  service,
  replay,
  clearKillFlag,
  presets,
  chain,
}: CoreHandlerDeps): CoreHandlers {
  return {
    ...createAutoHandlers(service, presets),
    ...createChainHandlers(chain),
    'system.resolveReconciliation': ({ note }) => service().resolveReconciliation(note),

    'market.listInstruments': () => service().listInstruments(),
    'market.getCandles': ({ symbol, interval, from, count }) =>
      service().candles.candles(symbol, interval, from, count),

    'orders.place': (params, { source }) => service().trading.placeOrder({ ...params, source }),
    'orders.cancel': ({ orderId }) => service().trading.cancelOrder(orderId),
    'orders.modify': (params) => service().manual.modifyOrder(params),
    'orders.modifyLeg': (params) => service().manual.modifyLeg(params),
    'orders.cancelAll': () => service().manual.cancelAll(),
    'orders.list': () => service().listOrders(),
    'orders.listFills': ({ symbol }) => service().listFills(symbol),
    'orders.placeBracket': (params, { source }) => service().trading.placeBracket({ ...params, source }),
    'orders.cancelGroup': ({ groupId }) => service().trading.cancelGroup(groupId),
    'orders.listGroups': () => service().listGroups(),

    'engine.getStatus': () => service().engineStatus(),
    'engine.setMode': ({ mode }) => service().setEngineMode(mode),
    'engine.killSwitch': ({ reason }) => service().killSwitch(reason),
    'engine.rearm': () => {
      clearKillFlag();
      return service().rearm();
    },
    'engine.recentDecisions': () => service().recentDecisions(),
    'engine.handOver': ({ symbol }) => service().trading.handOver(symbol),
    'engine.handBack': ({ symbol }) => service().trading.handBack(symbol),

    'positions.list': () => service().listPositions(),
    'positions.flattenAll': () => service().manual.flattenAll(),
    'positions.flatten': ({ symbol }) => service().manual.flattenSymbol(symbol),

    'replay.listRecordings': () => replay.listRecordings(),
    'replay.open': (params) => replay.open(params),
    'replay.play': () => replay.play(),
    'replay.pause': () => replay.pause(),
    'replay.step': () => replay.step(),
    'replay.seek': ({ tsUs }) => replay.seek(tsUs),
    'replay.setSpeed': ({ speed }) => replay.setSpeed(speed),
    'replay.watch': ({ symbol }) => replay.watch(symbol),
    'replay.close': () => replay.close(),
    'replay.getState': () => replay.state(),
    'replay.getCandles': (params) => replay.candles(params),
  };
}

/** The keyed streams' interest: the core conflates and publishes ladders only for watched symbols. */
export function createCoreInterest({
  service,
  chain,
}: Pick<CoreHandlerDeps, 'service' | 'chain'>): CoreInterest {
  return {
    ...createChainInterest(chain),
    'market.onLadder': (symbols) => service().market.setInterest(symbols),
    'market.onCandles': (series) => service().candles.setInterest(series),
  };
}
