import { describe, expect, it } from 'vitest';
import { ProgressReporter } from '../../../src/main/backtest/run/progress';

function reporter(isTty: boolean) {
  let now = 0;
  const written: string[] = [];
  const progress = new ProgressReporter({ write: (text) => written.push(text), isTty, now: () => now });
  return { progress, written, advance: (ms: number) => (now += ms) };
}

describe('replay progress on stderr', () => {
  it('redraws one bar in place on a terminal, at most every 100 ms', () => {
    const { progress, written, advance } = reporter(true);
    advance(50);
    progress.update(0.1, 1000);
    expect(written).toHaveLength(0);
    advance(60);
    progress.update(0.25, 2500);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\rreplay \[#{8}-{22}\] {2}25\.0% {2}2,500 events/);
    advance(2000);
    progress.done(10_000);
    expect(written.at(-2)).toBe('\r\x1b[K');
    expect(written.at(-1)).toBe('replay: 10,000 events in 2.1 s\n');
  });

  it('prints a plain line every 5 s when stderr is not a terminal', () => {
    const { progress, written, advance } = reporter(false);
    advance(1000);
    progress.update(0.5, 500);
    expect(written).toHaveLength(0);
    advance(4000);
    progress.update(0.5, 500);
    expect(written).toEqual(['replay:  50.0% 500 events (100/s) ETA 5 s\n']);
  });

  it('shows a slow rate with decimals (never 0/s) and the time left', () => {
    let now = 0;
    const written: string[] = [];
    const progress = new ProgressReporter({
      write: (text) => written.push(text),
      isTty: false,
      now: () => now,
      label: 'sweep',
      unit: 'replays',
    });
    now = 8000;
    progress.update(0.1, 2);
    expect(written).toEqual(['sweep:  10.0% 2 replays (0.25/s) ETA 1 m 12 s\n']);
  });

  it('says nothing for a run shorter than a second', () => {
    const { progress, written } = reporter(false);
    progress.done(10);
    expect(written).toEqual([]);
  });
});
