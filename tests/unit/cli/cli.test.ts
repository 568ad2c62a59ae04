import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../../src/main/cli/flags';
import { runCli } from '../../../src/main/cli/main';
import { UsageError } from '../../../src/main/cli/types';

function capture() {
  let stdout = '';
  let stderr = '';
  return {
    io: { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t) },
    out: () => stdout,
    err: () => stderr,
  };
}

describe('scalpdesk CLI', () => {
  it('--version prints the package version', async () => {
    const c = capture();
    expect(await runCli(['--version'], c.io)).toBe(0);
    expect(c.out().trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('--help lists the serve command', async () => {
    const c = capture();
    expect(await runCli(['--help'], c.io)).toBe(0);
    expect(c.out()).toContain('serve');
  });

  it('an unknown command prints usage on stderr and exits 2', async () => {
    const c = capture();
    expect(await runCli(['fly'], c.io)).toBe(2);
    expect(c.err()).toContain('unknown command "fly"');
    expect(c.err()).toContain('Usage: scalpdesk');
    expect(c.out()).toBe('');
  });

  it('an unknown flag of a command prints its usage on stderr and exits 2', async () => {
    const c = capture();
    expect(await runCli(['serve', '--colour', 'red'], c.io)).toBe(2);
    expect(c.err()).toContain('unknown flag --colour');
    expect(c.err()).toContain('scalpdesk serve [--port N]');
  });

  it('a non-numeric --port is a usage error', async () => {
    const c = capture();
    expect(await runCli(['serve', '--port', 'eighty'], c.io)).toBe(2);
    expect(c.err()).toContain('--port must be a number');
  });
});

describe('parseFlags', () => {
  const spec = { port: 'number', host: 'string', quick: 'boolean' } as const;
  it('reads --name value, --name=value and boolean flags, keeping positionals in order', () => {
    expect(parseFlags(['a', '--port', '80', '--host=h', '--quick', 'b'], spec)).toEqual({
      flags: { port: 80, host: 'h', quick: true },
      positional: ['a', 'b'],
    });
  });
  it('throws UsageError for a flag missing its value', () => {
    expect(() => parseFlags(['--host'], spec)).toThrow(UsageError);
    expect(() => parseFlags(['--host', '--port', '1'], spec)).toThrow(/--host needs a value/);
  });
});
