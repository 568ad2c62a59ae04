import { describe, expect, it } from 'vitest';
import { contractLabel } from '../../../src/renderer/src/format';

describe('contractLabel', () => {
  it('puts strike and right first and the expiry as day and month, in either right style', () => {
    expect(contractLabel('NIFTY-2026-01-06-26000-CE')).toBe('NIFTY 26000 CE 06 Jan');
    expect(contractLabel('BANKNIFTY-2026-12-29-52500-PE')).toBe('BANKNIFTY 52500 PE 29 Dec');
    expect(contractLabel('TSLA-2026-06-05-252.5-C')).toBe('TSLA 252.5 C 05 Jun');
  });

  it('shows an underlying, a stock or anything malformed as it is', () => {
    for (const symbol of ['NIFTY', 'SPY', 'NIFTY-2026-13-06-26000-CE', 'NIFTY-2026-01-06-0-CE', 'X-Y'])
      expect(contractLabel(symbol)).toBe(symbol);
  });
});
