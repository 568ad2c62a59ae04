export interface SenderFacts {
  /** URL of the frame that sent the IPC message. */
  readonly frameUrl: string;
  /** Whether that frame is its window's top frame (iframes are never trusted). */
  readonly isMainFrame: boolean;
}

/**
 * Electron IPC sender check (the "one typed API" principle: main rejects foreign senders). Only the top frame
 * of a window showing our own renderer — the packaged index.html, or the dev server in `npm run dev` — may
 * talk to main; anything else (an iframe, a page navigated elsewhere) is refused.
 */
export function isTrustedSender(sender: SenderFacts, rendererUrl: string, devServerUrl?: string): boolean {
  if (!sender.isMainFrame) return false;
  const withoutHash = sender.frameUrl.split('#')[0];
  if (withoutHash === rendererUrl) return true;
  if (!devServerUrl) return false;
  try {
    return new URL(withoutHash).origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}
