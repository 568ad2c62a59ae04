export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CliCommand {
  readonly name: string;
  /** One line for `scalpdesk --help`. */
  readonly summary: string;
  /** Full usage text for `scalpdesk <name> --help` and usage errors. */
  readonly usage: string;
  /** Returns the process exit code: 0 ok, 1 failure (clear message on stderr), 2 usage error. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Thrown for a bad flag or argument; the CLI prints the message and the command's usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
