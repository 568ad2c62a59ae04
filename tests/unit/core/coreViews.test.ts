import { describe, expect, it } from 'vitest';
import { asOrderId, asSymbol } from '../../../src/shared/domain/ids';
import { asPrice } from '../../../src/shared/domain/price';
import { toAttachedGroupView, toEngineStatusView } from '../../../src/main/coreWorker/coreViews';
import type { EngineStatus } from '../../../src/main/trading/engine/engine';
import type { AttachedGroupView as OmsGroupView } from '../../../src/main/trading/oms/attachedOrders';

describe('core views', () => {
  it('engine status carries money in minor units with the currency, like positions', () => {
    const status: EngineStatus = {
      mode: 'paper',
      killed: false,
      regime: 'trend',
      packs: [],
      preset: { name: 'Balanced', version: 1, hash: 'abc' },
      workingOrders: 0,
      positions: [
        {
          symbol: asSymbol('NIFTY24DEC24000CE'),
          right: 'CE',
          ownership: 'auto',
          quantity: 75,
          averagePrice: 12_000,
          markPrice: 12_350,
          // The engine's own unit: major (rupees), as its presets state limits.
          unrealisedPnl: 262.5,
          trailingStage: 0,
          trailingStageName: 'initial',
          stopPrice: null,
          exiting: false,
          entryDecisionId: 'D1',
          entryUs: 1_767_671_100_000_000,
        },
      ],
      risk: {
        dayPnl: -1234.56,
        realisedPnl: -1497.06,
        peakDayPnl: 0,
        tradesToday: 3,
        consecutiveLosses: 2,
        dayLockedReason: null,
        regimeTrades: { trend: 2, range: 1, volatile: 0, unknown: 0 },
        callsEnabled: true,
        putsEnabled: true,
      },
    };
    const view = toEngineStatusView(status, { underlying: 'NIFTY', currency: 'INR', blockedBy: null });
    expect(view.currency).toBe('INR');
    expect(view.positions[0].unrealisedPnl).toBe(26_250);
    expect(view.risk.dayPnl).toBe(-123_456);
  });

  it("the API's group view is the OMS's copy with the price format and revision, and no internal leg mode", () => {
    const group: OmsGroupView = {
      groupId: 'G1',
      kind: 'bracket',
      symbol: asSymbol('NIFTY24DEC24000CE'),
      side: 'sell',
      source: 'manual',
      state: 'active',
      entryOrderIds: [asOrderId('O1')],
      entryFilled: 75,
      legs: [
        {
          legId: 'G1-tp',
          role: 'takeProfit',
          kind: 'limit',
          mode: 'virtual',
          emulated: true,
          price: asPrice(12_500),
          limitPrice: null,
          trailUnits: null,
          quantity: 75,
          filledQuantity: 0,
          openQuantity: 75,
          state: 'armed',
          orderIds: [],
        },
      ],
    };
    const view = toAttachedGroupView(group, { priceDecimals: 2, tickUnits: 5 }, 4);
    expect(view).toEqual({
      groupId: 'G1',
      kind: 'bracket',
      symbol: 'NIFTY24DEC24000CE',
      side: 'sell',
      source: 'manual',
      state: 'active',
      entryOrderIds: ['O1'],
      entryFilled: 75,
      legs: [
        {
          legId: 'G1-tp',
          role: 'takeProfit',
          kind: 'limit',
          emulated: true,
          price: 12_500,
          limitPrice: null,
          trailUnits: null,
          quantity: 75,
          filledQuantity: 0,
          openQuantity: 75,
          state: 'armed',
          orderIds: [],
        },
      ],
      emulated: true,
      priceDecimals: 2,
      tickUnits: 5,
      revision: 4,
    });
  });
});
