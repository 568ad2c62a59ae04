/** What the engine buys and sells: option contracts (every preset's default) or the underlying itself. */
export const TRADE_TARGETS = ['options', 'underlying'] as const;
export type TradeTarget = (typeof TRADE_TARGETS)[number];

/** The preset overrides `--trade` stands for (the preset's `selection.instrument`). */
export function tradeOverrides(target: TradeTarget): Record<string, unknown> {
  return { selection: { instrument: target === 'underlying' ? 'underlying' : 'option' } };
}
