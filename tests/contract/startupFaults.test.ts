import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeTempDir, runServeToExit, startServeProcess } from '../support/serveProcess';
import type { FinishedProcess } from '../support/serveProcess';
import { stillServes } from '../support/rawHttp';

/** A data folder prepared by `prepare` (settings, a ledger file, a stray file). */
function dataDirWith(prepare: (dataDir: string) => void): string {
  const dataDir = makeTempDir('startup');
  prepare(dataDir);
  return dataDir;
}
const withSettings = (settings: object) => (dataDir: string) =>
  fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify(settings));

/**
 * Issue 10 item 5: a start-up fault ends `scalpdesk serve` with a non-zero exit and exactly one line
 * naming the cause and the file or setting — no restart loop, no hang, no stack trace.
 */
function expectOneLineFailure(run: FinishedProcess, names: RegExp): void {
  expect(run.code, `stderr:\n${run.stderr}`).toBe(1);
  const failures = run.stderr.split('\n').filter((line) => line.startsWith('scalpdesk serve:'));
  expect(failures).toHaveLength(1);
  expect(failures[0]).toMatch(names);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toMatch(/restart|crashed/);
  expect(run.stdout).not.toContain('token=');
}

describe('start-up faults end scalpdesk serve with one line', () => {
  it.concurrent('a damaged ledger names scalpdesk.sqlite', async () => {
    const dataDir = dataDirWith((dir) =>
      fs.writeFileSync(path.join(dir, 'scalpdesk.sqlite'), 'not a database '.repeat(100)),
    );
    expectOneLineFailure(await runServeToExit(dataDir), /scalpdesk\.sqlite is damaged/);
  });

  it.concurrent('a ledger with a newer schema names scalpdesk.sqlite and the versions', async () => {
    const dataDir = dataDirWith((dir) => {
      const db = new Database(path.join(dir, 'scalpdesk.sqlite'));
      db.pragma('user_version = 99');
      db.close();
    });
    expectOneLineFailure(
      await runServeToExit(dataDir),
      /scalpdesk\.sqlite: ledger schema version 99 is newer/,
    );
  });

  it.concurrent('a bogus engine.underlying names the setting and the underlyings there are', async () => {
    const dataDir = dataDirWith(withSettings({ engine: { underlying: 'NIFTYX' } }));
    expectOneLineFailure(
      await runServeToExit(dataDir),
      /settings\.json: engine\.underlying "NIFTYX" is not an underlying this market feed lists \(NIFTY, /,
    );
  });

  it.concurrent('an invalid exchangeUrl names market.exchangeUrl', async () => {
    const dataDir = dataDirWith(withSettings({ market: { exchangeUrl: 'http://127.0.0.1:9' } }));
    expectOneLineFailure(
      await runServeToExit(dataDir),
      /settings\.json: market\.exchangeUrl "http:\/\/127\.0\.0\.1:9" must start with ws:\/\//,
    );
  });

  it.concurrent('recordings being a file names the path', async () => {
    const dataDir = dataDirWith((dir) => fs.writeFileSync(path.join(dir, 'recordings'), ''));
    expectOneLineFailure(await runServeToExit(dataDir), /recordings is a file, not a folder/);
  });

  it.concurrent('engine.mode "live" with the paper broker is refused as setMode refuses it', async () => {
    const dataDir = dataDirWith(withSettings({ engine: { mode: 'live' } }));
    expectOneLineFailure(
      await runServeToExit(dataDir),
      /engine\.mode "live" needs a real broker, but broker\.kind is "paper"/,
    );
  });
});

describe('start-up problems that do not stop the host', () => {
  it('an unreachable exchange is reported while the host keeps retrying and serving', async () => {
    const dataDir = dataDirWith(withSettings({ market: { exchangeUrl: 'ws://127.0.0.1:9' } }));
    const serve = await startServeProcess([], { dataDir });
    try {
      await expect
        .poll(() => serve.stderr(), { timeout: 10_000 })
        .toMatch(
          /warn: market feed ws:\/\/127\.0\.0\.1:9 is unreachable \(cannot connect .*ECONNREFUSED.*\); still retrying/,
        );
      const served = await stillServes(serve.origin, serve.token);
      expect(served.page).toBe(200);
      expect(served.info).toMatchObject({ marketFeed: 'ws://127.0.0.1:9' });
      expect(serve.child.exitCode).toBeNull();
      // One line, not one per retry.
      expect(serve.stderr().match(/is unreachable/g)).toHaveLength(1);
    } finally {
      await serve.stop();
    }
  });

  it('an unknown settings key gives a warning naming it (and the key it resembles)', async () => {
    const dataDir = dataDirWith(withSettings({ market: { exchangeURL: 'ws://127.0.0.1:9' } }));
    const serve = await startServeProcess([], { dataDir });
    await serve.stop();
    expect(serve.stderr()).toMatch(
      /warning: .*settings\.json: unknown setting "market\.exchangeURL" is ignored \(did you mean "market\.exchangeUrl"\?\)/,
    );
  });
});

describe('orderly shutdown', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} stops feeds, recorder and workers and exits 0 with no error line`, async () => {
      const serve = await startServeProcess();
      // Wait until the desk runs and the recorder is writing, so the shutdown races live market events.
      await expect.poll(() => serve.stderr(), { timeout: 20_000 }).toMatch(/core started/);
      await expect
        .poll(() => fs.readdirSync(path.join(serve.dataDir, 'recordings')).length, { timeout: 20_000 })
        .toBeGreaterThan(0);
      const exited = new Promise<number | null>((resolve) =>
        serve.child.once('exit', (code) => resolve(code)),
      );
      serve.child.kill(signal);
      expect(await exited).toBe(0);
      expect(serve.stderr()).not.toMatch(/^(error|warn):/m);
      expect(serve.stderr()).not.toMatch(/recorder is closed|crashed/);
    });
  }
});
