import { describe, expect, it } from 'vitest';
import { command, runExchange } from '../../../src/main/cli/commands/exchange';
import { UsageError } from '../../../src/main/cli/types';
import { connectRaw, until } from './wsHarness';

function makeIo(): {
  io: { stdout(text: string): void; stderr(text: string): void };
  out: string[];
  err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (text) => out.push(text), stderr: (text) => err.push(text) }, out, err };
}

describe('scalpdesk exchange', () => {
  it('prints the ws URL, serves clients and stops cleanly on a stop signal', async () => {
    const { io, out, err } = makeIo();
    let stop: (signal: string) => void = () => undefined;
    const stopped = new Promise<string>((resolve) => (stop = resolve));
    const running = runExchange(
      ['--port', '0', '--seed', '9', '--profile', 'us', '--speed', '5', '--symbols', 'spy,qqq'],
      io,
      () => stopped,
    );
    await until(() => out.length > 0, 'the URL on stdout');
    const url = out[0].trim();
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/);
    expect(err.join('')).toMatch(/us seed 9 speed 5× — SPY, QQQ/);
    expect(err.join('')).toMatch(/session 2026-01-09 from 2026-01-09T09:30:00\.000-05:00/);

    const client = await connectRaw(url);
    expect(await client.next((message) => message.type === 'hello')).toMatchObject({
      profile: 'us',
      seed: 9,
      speed: 5,
    });
    const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
    stop('SIGTERM');
    expect(await running).toBe(0);
    expect(await closed).toBe(1001);
    expect(err.join('')).toMatch(/SIGTERM, stopping/);
  });

  it('requires a profile and a seed', async () => {
    const { io } = makeIo();
    await expect(runExchange(['--seed', '1'], io, () => new Promise(() => undefined))).rejects.toThrow(
      /--profile is required/,
    );
    await expect(runExchange(['--profile', 'nse'], io, () => new Promise(() => undefined))).rejects.toThrow(
      /--seed is required/,
    );
  });

  it('rejects a bad profile, port, speed or symbol as usage errors', async () => {
    const { io } = makeIo();
    const never = (): Promise<string> => new Promise(() => undefined);
    await expect(runExchange(['--profile', 'lse', '--seed', '1'], io, never)).rejects.toThrow(UsageError);
    await expect(
      runExchange(['--profile', 'nse', '--seed', '1', '--port', '70000'], io, never),
    ).rejects.toThrow(/--port/);
    await expect(runExchange(['--profile', 'nse', '--seed', '1', '--speed', '0'], io, never)).rejects.toThrow(
      /--speed/,
    );
    await expect(
      runExchange(['--profile', 'nse', '--seed', '1', '--symbols', 'XYZ'], io, never),
    ).rejects.toThrow(/unknown nse underlying "XYZ"/);
  });

  it('describes itself for the CLI registry', () => {
    expect(command.name).toBe('exchange');
    expect(command.usage).toMatch(/--port N/);
    expect(command.usage).toMatch(/--profile nse\|us/);
  });
});
