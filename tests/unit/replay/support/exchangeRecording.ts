import path from 'node:path';
import { runExchangeTape } from '../../../../src/main/backtest/exchangeTape';
import { RecordingWriter } from '../../../../src/main/backtest/recording/writer';

/**
 * Records `minutes` of the built-in exchange's NIFTY session (with the chain context the core pushes)
 * to `<dir>/nifty-<seed>.sdrec`, the way the live recorder would: every listed instrument defined up
 * front, the underlying in the meta.
 */
export function recordExchangeSession(dir: string, minutes: number, seed = 7): string {
  const file = path.join(dir, `nifty-${seed}-${minutes}.sdrec`);
  const writer = RecordingWriter.open(file, {
    meta: { source: `exchange:seed=${seed}`, underlying: 'NIFTY' },
  });
  runExchangeTape(
    {
      seed,
      minutes,
      onListed: ({ instruments }) => {
        for (const instrument of instruments) writer.defineInstrument(instrument);
      },
    },
    (event) => writer.append(event),
  );
  writer.close();
  return file;
}
