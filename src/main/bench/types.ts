export interface BenchOptions {
  /** A short run (CI smoke, tests): fewer iterations, same code paths. */
  readonly quick: boolean;
}

export interface BenchSuite {
  readonly name: string;
  readonly summary: string;
  run(options: BenchOptions): Promise<Record<string, unknown>>;
}
