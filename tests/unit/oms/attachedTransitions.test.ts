import { describe, expect, it } from 'vitest';
import type { AttachedLeg, GroupState, LegState } from '../../../src/main/trading/oms/attachedOrders';
import { makeLeg } from '../../../src/main/trading/oms/attachedOrders';
import {
  GROUP_TRANSITIONS,
  IllegalAttachedTransitionError,
  isGroupMoveAllowed,
  isLegMoveAllowed,
  LEG_TRANSITIONS,
  moveLeg,
} from '../../../src/main/trading/oms/attachedTransitions';
import { p } from './factories';

const LEG_STATES: readonly LegState[] = ['pending', 'armed', 'triggered', 'done', 'cancelled'];
const GROUP_STATES: readonly GroupState[] = ['pendingEntry', 'active', 'done', 'cancelled'];

function legIn(state: LegState): AttachedLeg {
  const leg = makeLeg('g-1/stopLoss', { role: 'stopLoss', kind: 'stop', price: p(9500) }, 'virtual', 65);
  leg.state = state;
  return leg;
}

describe('attached-order transition tables', () => {
  it('explain every row', () => {
    for (const row of [...LEG_TRANSITIONS, ...GROUP_TRANSITIONS])
      expect(row.because.length).toBeGreaterThan(10);
  });

  it('let nothing leave done, and only a late fill turn a cancelled leg into done', () => {
    for (const to of LEG_STATES) {
      expect(isLegMoveAllowed('done', to), `done → ${to}`).toBe(to === 'done');
      expect(isLegMoveAllowed('cancelled', to), `cancelled → ${to}`).toBe(
        to === 'cancelled' || to === 'done',
      );
    }
    for (const from of ['done', 'cancelled'] as const)
      for (const to of GROUP_STATES)
        expect(isGroupMoveAllowed(from, to), `${from} → ${to}`).toBe(from === to);
  });

  it('never goes back to pending, and a group never back to pendingEntry', () => {
    for (const from of LEG_STATES)
      if (from !== 'pending') expect(isLegMoveAllowed(from, 'pending')).toBe(false);
    for (const from of GROUP_STATES)
      if (from !== 'pendingEntry') expect(isGroupMoveAllowed(from, 'pendingEntry')).toBe(false);
  });

  it('moves a leg along a row and refuses anything else by name', () => {
    const leg = legIn('armed');
    moveLeg(leg, 'triggered');
    expect(leg.state).toBe('triggered');
    const done = legIn('done');
    expect(() => moveLeg(done, 'armed')).toThrow(IllegalAttachedTransitionError);
    expect(() => moveLeg(done, 'armed')).toThrow('leg g-1/stopLoss: done → armed is not a legal move');
    expect(done.state).toBe('done');
  });
});
