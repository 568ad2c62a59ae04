import { useEffect, useState } from 'react';
import type { ChainHistoryView, ChainSourceView, ChainView } from '../../../shared/api/chainViews';
import { ApiError } from '../../../shared/api/errors';
import { getApi } from '../store';

/** The session history is re-read this often: it grows by one sample per 10 s of market time. */
const HISTORY_POLL_MS = 3000;
/** A live chain that could not be read (the core still starting, the feed reconnecting) is asked again. */
const RETRY_MS = 2000;

export interface ChainSelection {
  readonly source: ChainSourceView;
  /** null: the core's default (the engine's underlying, the nearest expiry). */
  readonly underlying: string | null;
  readonly expiry: string | null;
}

export interface ChainData {
  readonly chain: ChainView | null;
  readonly history: ChainHistoryView | null;
  readonly error: string | null;
}

/**
 * The chain the window shows: read once for the selection, then (live) kept current by chain.onChain
 * and its session history re-read every few seconds. `revision` forces a re-read (after an import).
 */
export function useChainData(selection: ChainSelection, revision: number): ChainData {
  const [chain, setChain] = useState<ChainView | null>(null);
  const [history, setHistory] = useState<ChainHistoryView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    setError(null);
    const read = (): void => {
      getApi()
        .chain.getChain({
          source: selection.source,
          ...(selection.underlying ? { underlying: selection.underlying } : {}),
          ...(selection.expiry ? { expiry: selection.expiry } : {}),
        })
        .then(
          (view) => {
            if (!current) return;
            setChain(view);
            setError(null);
          },
          (caught: unknown) => {
            if (!current) return;
            setError(caught instanceof Error ? caught.message : String(caught));
            // A bad request stays bad; anything else (UNAVAILABLE, a lost feed) may pass.
            const refused = caught instanceof ApiError && caught.code === 'BAD_REQUEST';
            if (selection.source === 'live' && !refused) retry = setTimeout(read, RETRY_MS);
          },
        );
    };
    read();
    return () => {
      current = false;
      clearTimeout(retry);
    };
  }, [selection.source, selection.underlying, selection.expiry, revision]);

  const live = chain?.source === 'live' && selection.source === 'live';
  const underlying = live ? chain.underlying : null;
  const expiry = live ? chain.expiry : null;

  useEffect(() => {
    if (!underlying || !expiry) return undefined;
    return getApi().chain.onChain({ underlying, expiry }, (view) => setChain(view));
  }, [underlying, expiry]);

  useEffect(() => {
    if (!underlying || !expiry) {
      setHistory(null);
      return undefined;
    }
    let current = true;
    const read = (): void => {
      getApi()
        .chain.getHistory({ underlying, expiry })
        .then(
          (view) => {
            if (current) setHistory(view);
          },
          () => undefined, // the next poll tries again; the chain itself reports a lost host
        );
    };
    read();
    const timer = setInterval(read, HISTORY_POLL_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [underlying, expiry]);

  return { chain: selection.source === chain?.source ? chain : null, history, error };
}
