import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineCommand, EngineEvent } from '../../../../src/main/trading/engine/types';
import { buildTape, EngineHarness, makeOptionsContext, makePreset, MINUTE, T0 } from '../support/factories';

/** A recorded session: quiet tape, bursts both ways, options context pushes, clock ticks. */
function recordedSession(): EngineEvent[] {
  const events: EngineEvent[] = [];
  let startUs = T0 - 10 * MINUTE;
  let price = 24000;
  const harness = new EngineHarness();
  const legs = [
    { seconds: 300, drift: 0, buyShare: 0.5, tilt: 1, size: 100 },
    { seconds: 8, drift: 3, buyShare: 0.85, tilt: 2, size: 400 },
    { seconds: 240, drift: 0, buyShare: 0.5, tilt: 1, size: 100 },
    { seconds: 8, drift: -3, buyShare: 0.15, tilt: 0.5, size: 400 },
    { seconds: 400, drift: 0.2, buyShare: 0.55, tilt: 1, size: 100 },
  ];
  legs.forEach((leg, i) => {
    const tape = buildTape({
      startUs,
      seconds: leg.seconds,
      startPrice: price,
      chain: harness.chain,
      seed: 100 + i,
      driftPerSecond: leg.drift,
      buyShare: leg.buyShare,
      bookTilt: leg.tilt,
      tradeSize: leg.size,
      noiseTicks: leg.drift === 0 ? 1 : 0,
    });
    events.push(...tape.events);
    events.push({
      type: 'optionsContext',
      tsEvent: tape.endUs as never,
      context: makeOptionsContext(tape.endUs, {
        atmIV: 0.14 + i * 0.005,
        oiChangeCE: i * 10_000,
        oiChangePE: i * 8_000,
      }),
    });
    events.push({ type: 'clock', tsEvent: (tape.endUs + 100_000) as never });
    startUs = tape.endUs + 200_000;
    price = tape.endPrice / 100;
  });
  return events;
}

function run(events: readonly EngineEvent[]): EngineCommand[] {
  // The session is 16 minutes, shorter than the 1-minute studies' warm-up (21 bars): the gate stays off here.
  const harness = new EngineHarness({ preset: makePreset((p) => (p.gates.warmUp.enabled = false)) });
  harness.autoFill = true;
  harness.sendAll(events);
  return JSON.parse(JSON.stringify(harness.commands)) as EngineCommand[];
}

describe('determinism (the "deterministic engine" principle)', () => {
  it('the same event sequence gives identical commands and decision records', () => {
    const events = recordedSession();
    const first = run(events);
    const second = run(events);
    expect(first.filter((command) => command.type === 'placeOrder').length).toBeGreaterThan(0);
    expect(first.filter((command) => command.type === 'decision').length).toBeGreaterThan(5);
    expect(second).toEqual(first);
  });

  it('the comparison is not vacuous: a different sequence gives different decisions', () => {
    const events = recordedSession();
    const altered = events.map((event) =>
      event.type === 'trade' ? { ...event, size: event.size + 1 } : event,
    );
    expect(run(altered)).not.toEqual(run(events));
  });

  it('the engine reads no wall clock, no randomness and no I/O', () => {
    const root = join(__dirname, '../../../../src/main/trading/engine');
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts')) files.push(path);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      expect(source, file).not.toMatch(/Date\.now|Math\.random|new Date\(|performance\.now|process\./);
      expect(source, file).not.toMatch(/from '(node:|fs|ws|better-sqlite3|electron)/);
    }
  });
});
