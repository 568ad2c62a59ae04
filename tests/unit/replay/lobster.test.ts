import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { command as replay } from '../../../src/main/cli/commands/replay';
import { LobsterSource, lobsterFilesFor } from '../../../src/main/backtest/import/lobster';
import type { RecordedEvent } from '../../../src/shared/recording/events';
import { captureIo } from './cliIo';
import { makeTempDir } from './factories';

const FIXTURE = path.resolve(__dirname, '../../fixtures/lobster-amzn');
const MESSAGE_FILE = path.join(FIXTURE, 'AMZN_2012-06-21_34200000_57600000_message_1.csv');
const ORDERBOOK_FILE = path.join(FIXTURE, 'AMZN_2012-06-21_34200000_57600000_orderbook_1.csv');

/**
 * The tape figures straight from the raw message CSV, with nothing from src/: executions are rows of
 * type 4 or 5; price is dollars × 10^4.
 */
function figuresFromRawCsv(): {
  trades: number;
  totalVolume: number;
  sessionVwap: number;
  sessionHigh: number;
  sessionLow: number;
  rows: number;
} {
  const lines = fs.readFileSync(MESSAGE_FILE, 'utf8').trim().split('\n').slice(1);
  let trades = 0;
  let volume = 0;
  let notional = 0;
  let high = -Infinity;
  let low = Infinity;
  for (const line of lines) {
    const [, type, , size, price] = line.split(',').map(Number);
    if (type !== 4 && type !== 5) continue;
    trades++;
    volume += size;
    notional += price * size;
    high = Math.max(high, price);
    low = Math.min(low, price);
  }
  return {
    trades,
    totalVolume: volume,
    sessionVwap: notional / volume / 10_000,
    sessionHigh: high / 10_000,
    sessionLow: low / 10_000,
    rows: lines.length,
  };
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function runReplay(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo();
  const code = await replay.run(args, io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}

describe('LOBSTER import', () => {
  it('reports the tape figures the raw CSV gives', async () => {
    const expected = figuresFromRawCsv();
    const { code, stdout } = await runReplay([MESSAGE_FILE, '--tape-only', '--no-progress']);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.trades).toBe(expected.trades);
    expect(summary.totalVolume).toBe(expected.totalVolume);
    expect(summary.sessionVwap).toBeCloseTo(expected.sessionVwap, 4);
    expect(summary.sessionHigh).toBe(expected.sessionHigh);
    expect(summary.sessionLow).toBe(expected.sessionLow);
    expect(summary.instruments).toBe(1);
    expect(summary.sources[0]).toMatchObject({
      format: 'lobster',
      rows: expected.rows,
      skippedRows: 0,
      error: null,
    });
  });

  it('reads the same day whichever of the two files is named, and both only once', async () => {
    const fromMessage = JSON.parse((await runReplay([MESSAGE_FILE, '--tape-only', '--no-progress'])).stdout);
    const fromBoth = JSON.parse(
      (await runReplay([ORDERBOOK_FILE, MESSAGE_FILE, '--tape-only', '--no-progress'])).stdout,
    );
    expect(fromBoth.events).toBe(fromMessage.events);
    expect(fromBoth.trades).toBe(fromMessage.trades);
  });

  it('stamps the first message at 09:30:00.01746 New York time (EDT, UTC-4)', () => {
    const source = new LobsterSource(lobsterFilesFor(MESSAGE_FILE));
    const first = source.next() as RecordedEvent;
    source.close();
    expect(new Date(first.tsEvent / 1000).toISOString()).toBe('2012-06-21T13:30:00.017Z');
    expect(first.tsEvent % 1_000_000).toBe(17_460);
  });

  it('makes an execution of a sell limit order a buyer-initiated trade', () => {
    // Row 1 of the fixture: 34200.01746,5,0,1,2238200,-1 (hidden execution against a sell order).
    const source = new LobsterSource(lobsterFilesFor(MESSAGE_FILE));
    const first = source.next();
    source.close();
    expect(first).toMatchObject({ type: 'trade', price: 2238200, size: 1, aggressor: 'buy', symbol: 'AMZN' });
  });

  it('emits an L1 quote only when the best prices or sizes change', () => {
    const source = new LobsterSource(lobsterFilesFor(MESSAGE_FILE));
    let previous: RecordedEvent | undefined;
    let repeats = 0;
    for (let event = source.next(); event !== null; event = source.next()) {
      if (event.type !== 'quote') continue;
      if (
        previous?.type === 'quote' &&
        previous.bidPrice === event.bidPrice &&
        previous.askPrice === event.askPrice &&
        previous.bidSize === event.bidSize &&
        previous.askSize === event.askSize
      )
        repeats++;
      previous = event;
    }
    source.close();
    expect(repeats).toBe(0);
  });

  it('reports a bad row with file and line and goes on', async () => {
    const dir = makeTempDir();
    tempDirs.push(dir);
    const message = path.join(dir, 'AMZN_2012-06-21_34200000_57600000_message_1.csv');
    const orderbook = path.join(dir, 'AMZN_2012-06-21_34200000_57600000_orderbook_1.csv');
    const messageLines = fs.readFileSync(MESSAGE_FILE, 'utf8').split('\n').slice(0, 101);
    const bookLines = fs.readFileSync(ORDERBOOK_FILE, 'utf8').split('\n').slice(0, 101);
    messageLines[10] = '34200.5,4,123,abc,2238100,1';
    fs.writeFileSync(message, `${messageLines.join('\n')}\n`);
    fs.writeFileSync(orderbook, `${bookLines.join('\n')}\n`);
    const { code, stdout, stderr } = await runReplay([message, '--tape-only', '--no-progress']);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.sources[0]).toMatchObject({ rows: 100, skippedRows: 1 });
    expect(summary.sources[0].firstProblems[0]).toEqual({
      file: message,
      line: 11,
      reason: 'size "abc" is not an integer',
    });
    expect(stderr).toContain(`${message}:11: size "abc" is not an integer`);
  });
});
