import { describe, expect, it } from 'vitest';
import { EXIT_RULES } from '../../../../src/main/trading/engine/exits';

describe('exit rule registry', () => {
  it('checks every exit rule, kill switch and loss limits first, in a fixed priority order', () => {
    expect(EXIT_RULES.map((rule) => rule.name)).toEqual([
      'killSwitch',
      'dailyLoss',
      'peakToTrough',
      'hardStop',
      'perTradeLoss',
      'takeProfit',
      'trailingStop',
      'sessionSquareOff',
      'timeExit',
      'momentumReversal',
      'oiAgainst',
      'oiUnwinding',
      'spreadWidening',
      'ivSpike',
      'ivCrush',
      'thetaDecay',
      'gexBroken',
    ]);
  });
});
