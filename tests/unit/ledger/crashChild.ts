/**
 * Child process of the crash test (run with `node --import tsx`): streams fills into a Ledger and
 * prints one line per fill only after `recordFill` returned, i.e. after the fill is durable. The
 * write is synchronous, so a line the parent reads was acknowledged before the process died.
 * Arguments: <ledger file> <total fills>. It resumes after the fills the ledger already holds.
 */
import fs from 'node:fs';
import { Ledger } from '../../../src/main/ledger/ledger';
import { positionKey } from '../../../src/main/trading/oms/positions';
import { crashFill, crashInstrument } from './crashFills';
import type { AckLine } from './crashFills';

const [file, totalText] = process.argv.slice(2);
const total = Number(totalText);
const ledger = Ledger.open(file, { instrumentContext: crashInstrument });
fs.writeSync(1, `ready ${ledger.countFills()}\n`);
for (let index = ledger.countFills(); index < total; index++) {
  const fill = crashFill(index);
  ledger.recordFill(fill);
  const state = ledger
    .positionStates()
    .find((candidate) => candidate.symbol === fill.symbol && candidate.source === fill.source);
  if (!state) throw new Error(`no position after ${fill.fillId}`);
  const ack: AckLine = {
    fillId: fill.fillId,
    key: positionKey(fill.symbol, fill.source),
    state: {
      lots: state.lots.map((lot) => [lot.price, lot.quantity]),
      realisedPnl: state.realisedPnl,
      charges: state.charges,
      multiplier: state.multiplier,
    },
  };
  fs.writeSync(1, `${JSON.stringify(ack)}\n`);
}
ledger.close();
fs.writeSync(1, 'done\n');
