import { create } from 'zustand';

/** A counter every ladder of the window watches: R or the button bumps it and each re-centres once. */
export const useRecentreRequest = create<{ readonly count: number }>(() => ({ count: 0 }));

export function requestRecentre(): void {
  useRecentreRequest.setState((state) => ({ count: state.count + 1 }));
}
