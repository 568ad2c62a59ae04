import type { CliCommand, CliIo } from '../../../src/main/cli/types';

export interface CapturedIo extends CliIo {
  readonly out: string[];
  readonly err: string[];
}

export function captureIo(): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}

/** Runs one CLI command in-process with captured output. */
export async function runCommand(
  command: CliCommand,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo();
  const code = await command.run(args, io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}
