import { useState } from 'react';
import type { EngineStatusView } from '../../shared/api/views';
import { reportError, useWorkstation } from './store';

/**
 * An operator action answered with the engine's status (hand over, hand back): busy while it runs,
 * the new status shown at once, a refusal reported with its reason.
 */
export function useEngineAction(): {
  readonly busy: boolean;
  readonly run: (action: () => Promise<EngineStatusView>) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<EngineStatusView>): Promise<void> => {
    setBusy(true);
    try {
      const status = await action();
      useWorkstation.setState({ engine: status, lastError: null });
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
