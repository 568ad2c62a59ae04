import type { Symbol } from '../../../shared/domain/ids';
import type { OptionRight } from '../../../shared/domain/instrument';
import { dispatchEvent } from './dispatch';
import type { Engine, EngineDependencies, EngineStatus } from './engineContract';
import { EngineState } from './engineState';
import { engineStatus } from './engineStatus';
import { doKill } from './exitLoop';
import { checkDay } from './sessionTime';
import type { DecisionRecord, EngineCommand, EngineControlEvent, EngineEvent, EngineMode } from './types';

export type {
  Engine,
  EngineCalendar,
  EngineConfig,
  EngineDependencies,
  EnginePositionView,
  EngineStatus,
  InstrumentCatalog,
} from './engineContract';

const NO_COMMANDS: readonly EngineCommand[] = Object.freeze([]) as readonly EngineCommand[];

/**
 * The automatic scalping engine (issue 4): a deterministic state machine. Market data, options
 * context, order events, clock ticks and operator actions go in; orders, alerts and decision records
 * come out. Time comes only from the injected clock, ids only from the injected generator, so the same
 * event sequence yields the same commands. The per-event path (indicators, regime, signals, exits)
 * allocates nothing; a candidate entry or an exit builds its decision record.
 *
 * This file only coordinates: each event goes through the kill flag and day check, then to
 * `dispatch.ts`, which hands it to the entry pipeline (`entryPipeline.ts`), the exit loop
 * (`exitLoop.ts`), order tracking (`orderTracking.ts`) or the session clock (`sessionTime.ts`).
 */
export function createEngine(dependencies: EngineDependencies): Engine {
  return new ScalpingEngine(dependencies);
}

class ScalpingEngine extends EngineState implements Engine {
  get mode(): EngineMode {
    return this.currentMode;
  }

  onEvent(event: EngineEvent): readonly EngineCommand[] {
    this.depth++;
    try {
      const now = this.clock.nowUs() as number;
      if (this.killFlag !== undefined && !this.killed && Atomics.load(this.killFlag, 0) !== 0) {
        doKill(this, now, 'kill flag raised');
      }
      if (now >= this.nextDayCheckUs) checkDay(this, now);
      dispatchEvent(this, event, now);
      return this.finish();
    } finally {
      this.depth--;
    }
  }

  private finish(): readonly EngineCommand[] {
    if (this.depth > 1) return NO_COMMANDS; // re-entrant call: its commands go out with the outer call
    const output = this.output;
    this.output = null;
    return output ?? NO_COMMANDS;
  }

  nextWakeUs(): number {
    return (
      (this.lastTimedUs < 0 ? (this.clock.nowUs() as number) : this.lastTimedUs) + this.evaluationIntervalUs
    );
  }

  // ------------------------------------------------------------------ operator shorthands

  private control(event: EngineControlEvent): readonly EngineCommand[] {
    return this.onEvent(event);
  }

  setMode(mode: EngineMode): readonly EngineCommand[] {
    return this.control({ type: 'setMode', tsEvent: this.clock.nowUs(), mode });
  }

  killSwitch(reason: string): readonly EngineCommand[] {
    return this.control({ type: 'killSwitch', tsEvent: this.clock.nowUs(), reason });
  }

  rearm(): readonly EngineCommand[] {
    return this.control({ type: 'rearm', tsEvent: this.clock.nowUs() });
  }

  setSideEnabled(right: OptionRight, enabled: boolean): readonly EngineCommand[] {
    return this.control({ type: 'setSideEnabled', tsEvent: this.clock.nowUs(), right, enabled });
  }

  handOver(symbol: Symbol, position?: { quantity: number; averagePrice: number }): readonly EngineCommand[] {
    return this.control({ type: 'handOver', tsEvent: this.clock.nowUs(), symbol, position });
  }

  handBack(symbol: Symbol): readonly EngineCommand[] {
    return this.control({ type: 'handBack', tsEvent: this.clock.nowUs(), symbol });
  }

  recentDecisions(): readonly DecisionRecord[] {
    return this.decisions.slice();
  }

  status(): EngineStatus {
    return engineStatus(this);
  }
}
