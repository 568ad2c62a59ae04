import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command as replay } from '../../../src/main/cli/commands/replay';
import { UsageError } from '../../../src/main/cli/types';
import { Ledger } from '../../../src/main/ledger/ledger';
import { ledgerPath } from '../../../src/main/ledger/ledgerPath';
import { captureIo } from '../replay/cliIo';
import { writeExchangeRecording } from '../../support/replayRecordings';

let dir: string;
let recording: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scalpdesk-replay-save-'));
  recording = writeExchangeRecording(dir, 'small.sdrec', { minutes: 1, maxEvents: 400 }).file;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('scalpdesk replay --save', () => {
  it('writes the run into the ledger of --data-dir, leaving stdout as without --save', async () => {
    const dataDir = path.join(dir, 'data');
    const plain = captureIo();
    expect(await replay.run([recording, '--no-progress', '--seed', '4'], plain)).toBe(0);
    const io = captureIo();
    const code = await replay.run(
      [recording, '--no-progress', '--seed', '4', '--preset', 'Scalper', '--save', '--data-dir', dataDir],
      io,
    );
    expect(code).toBe(0);
    const summary = JSON.parse(io.out.join(''));
    expect(JSON.parse(plain.out.join('')).events).toBe(summary.events);
    expect(io.err.join('')).toMatch(/saved run replay-[0-9a-f-]+ to .*scalpdesk\.sqlite/);

    const ledger = Ledger.open(ledgerPath(dataDir), { readOnly: true });
    try {
      const runs = ledger.backtestRuns();
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({
        kind: 'replay',
        status: 'finished',
        params: { origin: 'cli', files: [recording], format: 'rec', preset: 'Scalper', seed: 4 },
        result: { summary: { events: 400, seed: 4 } },
      });
    } finally {
      ledger.close();
    }
  });

  it('refuses --data-dir without --save', async () => {
    await expect(replay.run([recording, '--data-dir', dir], captureIo())).rejects.toThrow(UsageError);
  });
});
