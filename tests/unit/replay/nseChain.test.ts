import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { command as replay } from '../../../src/main/cli/commands/replay';
import { NseChainImportError, NseChainSource } from '../../../src/main/backtest/import/nseChain';
import { openSources } from '../../../src/main/backtest/sources/openSource';
import type { RecordedEvent } from '../../../src/shared/recording/events';
import { captureIo } from './cliIo';
import { makeTempDir } from './factories';

const CHAIN = path.resolve(__dirname, '../../fixtures/nse-nifty-chain/option_chain.json');
const dir = makeTempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('NSE option-chain snapshots', () => {
  it('become one options-context event at the snapshot time (28-Mar-2022 10:47:19 IST)', () => {
    const source = new NseChainSource(CHAIN);
    const event = source.next();
    expect(source.next()).toBeNull();
    expect(event).toMatchObject({
      type: 'optionsContext',
      symbol: 'NIFTY',
      tsEvent: Date.parse('2022-03-28T10:47:19+05:30') * 1000,
    });
    expect(event?.type === 'optionsContext' && event.context).toMatchObject({
      underlying: 'NIFTY',
      expiry: '2022-03-31',
      spot: 17022.5,
    });
    expect(source.reports()[0]).toMatchObject({ format: 'nse-chain', events: 1 });
  });

  it('merge into a tape by time', () => {
    const ticks = path.join(dir, 'ticks.csv');
    fs.writeFileSync(
      ticks,
      'timestamp,symbol,price,size\n2022-03-28T10:47:18+05:30,NIFTY,17020.10,\n2022-03-28T10:47:20+05:30,NIFTY,17023.45,\n',
    );
    const source = openSources([ticks, CHAIN]);
    const types: string[] = [];
    for (let event: RecordedEvent | null = source.next(); event !== null; event = source.next())
      types.push(event.type);
    source.close();
    expect(types).toEqual(['index', 'optionsContext', 'index']);
  });

  it('reject a file that is not an NSE chain with the file named', () => {
    const bad = path.join(dir, 'chain.json');
    fs.writeFileSync(bad, '{"records": {}}');
    expect(() => new NseChainSource(bad)).toThrow(NseChainImportError);
    expect(() => new NseChainSource(bad)).toThrow(bad);
  });

  it('replay from the command line with the tape figures of the index ticks', async () => {
    const io = captureIo();
    const code = await replay.run([CHAIN, '--tape-only', '--no-progress'], io);
    expect(code).toBe(0);
    expect(JSON.parse(io.out.join(''))).toMatchObject({ events: 1, trades: 0, instruments: 1 });
  });
});
