import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command as replay } from '../../../src/main/cli/commands/replay';
import { RecordingReader } from '../../../src/main/backtest/recording/reader';
import { captureIo } from './cliIo';
import { makeTempDir } from './factories';

const MESSAGE_FILE = path.resolve(
  __dirname,
  '../../fixtures/lobster-amzn/AMZN_2012-06-21_34200000_57600000_message_1.csv',
);

let dir: string;
let recording: string;
beforeAll(async () => {
  dir = makeTempDir();
  recording = path.join(dir, 'amzn.sdrec');
  const io = captureIo();
  expect(await replay.run([MESSAGE_FILE, '--tape-only', '--no-progress', '--record', recording], io)).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Byte offset just after the n-th event's record. */
function boundaryAfter(events: number): number {
  const reader = RecordingReader.open(recording);
  for (let i = 0; i < events; i++) reader.next();
  const offset = reader.position.offset;
  reader.close();
  return offset;
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo();
  const code = await replay.run(args, io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}

describe('scalpdesk replay', () => {
  it('replays a recording made from an import with the same tape figures', async () => {
    const fromCsv = JSON.parse((await run([MESSAGE_FILE, '--tape-only', '--no-progress'])).stdout);
    const fromRecording = JSON.parse((await run([recording, '--tape-only', '--no-progress'])).stdout);
    const { sources: _csvSources, ...csvFigures } = fromCsv;
    const { sources: _recSources, ...recFigures } = fromRecording;
    expect(recFigures).toEqual(csvFigures);
  });

  it('gives byte-identical reports for the same file and seed', async () => {
    const first = path.join(dir, 'first.json');
    const second = path.join(dir, 'second.json');
    const a = await run([recording, '--seed', '7', '--no-progress', '--report', first]);
    const b = await run([recording, '--seed', '7', '--no-progress', '--report', second]);
    expect(a.stdout).toBe(b.stdout);
    expect(fs.readFileSync(first)).toEqual(fs.readFileSync(second));
    expect(JSON.parse(a.stdout).seed).toBe(7);
  });

  it('replays a truncated recording up to the damage, names file and byte, and exits 1', async () => {
    const damaged = path.join(dir, 'damaged.sdrec');
    const bytes = fs.readFileSync(recording);
    // 3 bytes into the record after the 30 000th event.
    fs.writeFileSync(damaged, bytes.subarray(0, boundaryAfter(30_000) + 3));
    const reader = RecordingReader.open(damaged);
    let readable = 0;
    while (reader.next() !== null) readable++;
    const offset = reader.problem?.offset;
    reader.close();
    const { code, stdout, stderr } = await run([damaged, '--tape-only', '--no-progress']);
    expect(code).toBe(1);
    const summary = JSON.parse(stdout);
    expect(summary.events).toBe(readable);
    expect(readable).toBe(30_000);
    expect(summary.sources[0].error.offset).toBe(offset);
    expect(stderr).toContain(`${damaged}: truncated record at byte ${offset}`);
  });

  it('replays a recording with a corrupted byte up to that record', async () => {
    const damaged = path.join(dir, 'corrupt.sdrec');
    const bytes = Buffer.from(fs.readFileSync(recording));
    bytes[400_000] ^= 0x5a;
    fs.writeFileSync(damaged, bytes);
    const { code, stdout, stderr } = await run([damaged, '--tape-only', '--no-progress']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).events).toBeGreaterThan(20_000);
    expect(stderr).toMatch(
      new RegExp(
        `${damaged.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: checksum mismatch at byte \\d+ \\(record \\d+`,
      ),
    );
  });

  it('refuses a file that is neither a recording nor a known import', async () => {
    const foreign = path.join(dir, 'foreign.sdrec');
    fs.writeFileSync(foreign, 'hello');
    const { code, stderr } = await run([foreign, '--no-progress']);
    expect(code).toBe(1);
    expect(stderr).toContain(`${foreign}: invalid header`);
  });

  it('writes a self-contained HTML report', async () => {
    const html = path.join(dir, 'report.html');
    expect((await run([recording, '--tape-only', '--no-progress', '--html', html])).code).toBe(0);
    const text = fs.readFileSync(html, 'utf8');
    expect(text).toContain('<svg');
    expect(text).toContain('AMZN');
    expect(text).not.toMatch(/<script|<link|src="http|href="http/);
  });

  it('replays only the window given by --from and --to', async () => {
    const { stdout } = await run([
      recording,
      '--tape-only',
      '--no-progress',
      '--from',
      '2012-06-21T10:00:00-04:00',
      '--to',
      '2012-06-21T10:30:00-04:00',
    ]);
    const summary = JSON.parse(stdout);
    expect(summary.firstEventAt >= '2012-06-21T14:00:00').toBe(true);
    expect(summary.lastEventAt < '2012-06-21T14:30:00').toBe(true);
  });

  it('exits 2 on a bad flag value', async () => {
    const { code } = await run([recording, '--format', 'xls']).catch(() => ({ code: 2 }));
    expect(code).toBe(2);
  });
});

describe('scalpdesk replay on a recording cut at a record boundary', () => {
  it('replays it all and warns that it was not closed cleanly', async () => {
    const cut = path.join(dir, 'cut.sdrec');
    fs.writeFileSync(cut, fs.readFileSync(recording).subarray(0, boundaryAfter(30_000)));
    const { code, stdout, stderr } = await run([cut, '--tape-only', '--no-progress']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).sources[0].warning).toContain('not closed cleanly');
    expect(stderr).toContain(`warning: ${cut}: not closed cleanly`);
  });
});
