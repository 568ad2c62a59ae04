import { setArmed, useArm, useHostReady } from './armStore';

/**
 * The ARM switch (issue 11): off at every start and after a lost host; while off no click or key
 * can open or add to a position. Flatten, cancel and the kill switch never need it.
 */
export function ArmSwitch(): React.JSX.Element {
  const armed = useArm((state) => state.armed);
  const dropped = useArm((state) => state.droppedBecause);
  const ready = useHostReady();
  return (
    <button
      type="button"
      role="switch"
      aria-checked={armed}
      aria-label="Arm"
      className={`arm-switch ${armed ? 'armed' : 'disarmed'}`}
      disabled={!ready && !armed}
      title={
        dropped
          ? `Disarmed: ${dropped}`
          : armed
            ? 'Armed: clicks and keys trade'
            : 'Disarmed: clicks and keys do not open positions'
      }
      data-testid="arm-switch"
      onClick={() => setArmed(!armed)}
    >
      <span className="arm-track" aria-hidden="true">
        <span className="arm-knob" />
      </span>
      {armed ? 'ARMED' : 'SAFE'}
    </button>
  );
}
