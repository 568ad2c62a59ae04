import type { AttachedGroup, AttachedLeg, GroupState, LegState } from './attachedOrders';

/**
 * The state machines of attached orders, like the order transition table: a leg or a group changes
 * state only along a row here; anything else is an IllegalAttachedTransitionError. Moving to the
 * state something is already in is no move and always allowed.
 */
export interface StateTransition<S extends string> {
  readonly from: S;
  readonly to: S;
  /** Why the row exists. */
  readonly because: string;
}

export const LEG_TRANSITIONS: readonly StateTransition<LegState>[] = [
  { from: 'pending', to: 'armed', because: 'the entry filled, so the leg has a position to exit' },
  { from: 'pending', to: 'cancelled', because: 'the entry ended unfilled or the group was cancelled' },
  { from: 'pending', to: 'done', because: 'the position the leg waited for was closed by another exit' },
  { from: 'armed', to: 'triggered', because: 'a virtual leg saw its price trade and sent its exit' },
  { from: 'armed', to: 'done', because: 'the leg exited all it had to, or a sibling closed the rest' },
  {
    from: 'armed',
    to: 'cancelled',
    because: 'a sibling exited the position first, or the group was cancelled',
  },
  {
    from: 'triggered',
    to: 'armed',
    because: 'the exit sent on trigger died unfilled (no liquidity, broker reject): watch the price again',
  },
  { from: 'triggered', to: 'done', because: 'the exit sent on trigger filled' },
  { from: 'triggered', to: 'cancelled', because: 'the group was cancelled while the exit was working' },
  {
    from: 'cancelled',
    to: 'done',
    because: 'a leg order filled while its cancel was in flight: the leg did exit',
  },
];

export const GROUP_TRANSITIONS: readonly StateTransition<GroupState>[] = [
  { from: 'pendingEntry', to: 'active', because: 'the entry (part-)filled and the legs armed' },
  {
    from: 'pendingEntry',
    to: 'cancelled',
    because: 'the entry was refused or ended unfilled, or the trader cancelled the group',
  },
  { from: 'active', to: 'done', because: 'every leg ended and at least one exited' },
  { from: 'active', to: 'cancelled', because: 'every leg ended without an exit, or the trader cancelled it' },
];

export class IllegalAttachedTransitionError extends Error {
  override name = 'IllegalAttachedTransitionError';
  constructor(what: string, from: string, to: string) {
    super(`${what}: ${from} → ${to} is not a legal move`);
  }
}

function allowed<S extends string>(table: readonly StateTransition<S>[], from: S, to: S): boolean {
  return from === to || table.some((row) => row.from === from && row.to === to);
}

export function isLegMoveAllowed(from: LegState, to: LegState): boolean {
  return allowed(LEG_TRANSITIONS, from, to);
}

export function isGroupMoveAllowed(from: GroupState, to: GroupState): boolean {
  return allowed(GROUP_TRANSITIONS, from, to);
}

export function moveLeg(leg: AttachedLeg, to: LegState): void {
  if (!isLegMoveAllowed(leg.state, to))
    throw new IllegalAttachedTransitionError(`leg ${leg.legId}`, leg.state, to);
  leg.state = to;
}

export function moveGroup(group: AttachedGroup, to: GroupState): void {
  if (!isGroupMoveAllowed(group.state, to))
    throw new IllegalAttachedTransitionError(`group ${group.groupId}`, group.state, to);
  group.state = to;
}
