import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { command as chain } from '../../../src/main/cli/commands/chain';
import { command as replay } from '../../../src/main/cli/commands/replay';
import { LineReader } from '../../../src/main/backtest/import/lineReader';
import { runCommand } from './cliIo';
import { makeTempDir } from './factories';

/**
 * Issue 10 item 6: `chain /dev/zero` and `replay /dev/zero` grew memory without bound, a FIFO blocked
 * the open forever, and a header-only CSV exited 0 without a word. Each is now refused with a message.
 */
const run = runCommand;

function makeFifo(): string {
  const fifo = path.join(makeTempDir(), 'ticks.csv');
  execFileSync('mkfifo', [fifo]);
  return fifo;
}

describe('files the command line refuses', () => {
  it.skipIf(!fs.existsSync('/dev/zero'))(
    'chain and replay refuse /dev/zero as a character device',
    async () => {
      for (const [command, args] of [
        [chain, ['/dev/zero']],
        [replay, ['/dev/zero', '--no-progress']],
      ] as const) {
        const result = await run(command, [...args]);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('/dev/zero is a character device; give a regular file');
      }
    },
  );

  it.skipIf(process.platform === 'win32')(
    'chain and replay refuse a FIFO instead of blocking on it',
    async () => {
      const fifo = makeFifo();
      const fromChain = await run(chain, [fifo]);
      expect(fromChain.code).toBe(1);
      expect(fromChain.stderr).toContain('is a FIFO (named pipe); give a regular file');
      const fromReplay = await run(replay, [fifo, '--no-progress']);
      expect(fromReplay.code).toBe(1);
      expect(fromReplay.stderr).toContain('is a FIFO (named pipe)');
    },
  );

  it('replay of a header-only CSV exits 1 and says there were no events', async () => {
    const file = path.join(makeTempDir(), 'ticks.csv');
    fs.writeFileSync(file, 'ts,symbol,price,size\n');
    const result = await run(replay, [file, '--tape-only', '--no-progress']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`no market events in ${file} (a CSV needs data rows after its header)`);
    expect(result.stdout).toBe('');
  });

  it('a line reader stops at a 16 MiB line instead of buffering a file without line breaks', () => {
    const file = path.join(makeTempDir(), 'no-newlines.csv');
    fs.writeFileSync(file, Buffer.alloc(17 * 1024 * 1024, 0x41));
    const reader = new LineReader(file);
    expect(() => reader.next()).toThrow(/line 1 is longer than 16 MiB/);
    reader.close();
  });
});
