import { create } from 'zustand';
import { onConnectionChange, useWorkstation } from '../store';

interface ArmState {
  /** Off at every start of a window: nothing opens or adds to a position until the trader arms. */
  readonly armed: boolean;
  /** Why the switch last dropped by itself (host lost), shown beside it; null after the trader touched it. */
  readonly droppedBecause: string | null;
}

export const useArm = create<ArmState>(() => ({ armed: false, droppedBecause: null }));

export function setArmed(armed: boolean): void {
  useArm.setState({ armed, droppedBecause: null });
}

// A lost host disarms: after a reconnect the trader re-arms knowingly, on a fresh view of the book.
onConnectionChange((connection) => {
  if (connection !== 'open' && useArm.getState().armed)
    useArm.setState({ armed: false, droppedBecause: 'host connection lost' });
});

/**
 * True while trading controls may act: the host is connected and the core worker runs. Every
 * trading control (Buy/Sell, ladder clicks, Flatten/Cancel/Kill) is disabled at once when it is false.
 */
export function useHostReady(): boolean {
  return useWorkstation(
    (state) =>
      state.connection === 'open' &&
      (state.status?.workers.find((worker) => worker.name === 'core')?.state ?? 'running') === 'running',
  );
}

/** Opening or adding needs the host and the ARM switch. */
export function useCanOpen(): boolean {
  const ready = useHostReady();
  const armed = useArm((state) => state.armed);
  return ready && armed;
}
