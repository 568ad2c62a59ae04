import type { z } from 'zod';

/**
 * A master or calendar data file failed validation. The message names the file and every offending
 * field by path (`underlyings[1].options.lotSize: must be a positive integer`), so a bad edit to
 * resources/ is found from the error alone.
 */
export class MarketDataError extends Error {
  override name = 'MarketDataError';
  constructor(
    message: string,
    /** One line per problem, `path: message`. */
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(root)' : text;
}

export function dataErrorFromZod(label: string, error: z.ZodError): MarketDataError {
  const problems = error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
  const shown = problems.slice(0, 10).join('; ');
  const more = problems.length > 10 ? ` (and ${problems.length - 10} more)` : '';
  return new MarketDataError(`${label} is invalid: ${shown}${more}`, problems);
}
