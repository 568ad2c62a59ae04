/**
 * Polls `condition` until it holds: the way a test waits for something to happen (or proves a
 * barrier was passed) without a fixed sleep. Fails with `what` after `timeoutMs`.
 */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
