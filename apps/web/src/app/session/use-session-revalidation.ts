import type { SessionInfo } from '@lastmile/domain';
import { useCallback, useEffect, useRef } from 'react';
import { ApiError } from '../api.ts';
import { requestCurrentSession } from './session-api.ts';

const REVALIDATE_EVERY_MS = 5 * 60_000;
/** After a failed check (network, 5xx): tried again this long after, twice, then at the next occasion. */
const RETRY_AFTER_MS = [1000, 2000];

const delay = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * Checks the cached session against the server in the background whenever there is a
 * connection (on start, on reconnect, on focus, every few minutes). The app never waits for
 * it: a network error leaves the person working offline; only a definite "not signed in"
 * (401, or the cookie now belonging to someone else) ends the session on this device.
 * Returns a function that checks at once (the sync was refused with "sign in required").
 *
 * Plain timers and events rather than TanStack Query, which stays off the start path (ADR 0039).
 */
export function useSessionRevalidation(
  session: SessionInfo | null,
  onFresh: (session: SessionInfo) => Promise<void>,
  onExpired: () => Promise<void>,
): () => void {
  const userId = session?.user.id ?? null;
  const callbacks = useRef({ onFresh, onExpired });
  useEffect(() => {
    callbacks.current = { onFresh, onExpired };
  }, [onFresh, onExpired]);
  const checkNow = useRef<() => void>(() => {});

  useEffect(() => {
    if (userId === null) return;
    const stopped = new AbortController();
    let running = false;
    // An occasion (reconnect, focus, a refused sync) during a check that may fail: look again after it.
    let askedAgain = false;
    let checkedAt = -Infinity;

    async function check(force: boolean): Promise<void> {
      if (stopped.signal.aborted) return;
      if (running) {
        askedAgain = true;
        return;
      }
      if (!force && Date.now() - checkedAt < REVALIDATE_EVERY_MS) return;
      // Offline: the `online` event checks when the connection is back.
      if (!navigator.onLine) return;
      running = true;
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            const fresh = await requestCurrentSession(stopped.signal);
            if (stopped.signal.aborted) return;
            checkedAt = Date.now();
            const { onFresh, onExpired } = callbacks.current;
            await (fresh === null || fresh.user.id !== userId ? onExpired() : onFresh(fresh)).catch(() => undefined);
            return;
          } catch (error) {
            const retryAfter = RETRY_AFTER_MS[attempt];
            if (stopped.signal.aborted || (error instanceof ApiError && error.status < 500) || !retryAfter) return;
            await delay(retryAfter, stopped.signal);
          }
        }
      } finally {
        running = false;
        if (askedAgain) {
          askedAgain = false;
          void check(false);
        }
      }
    }

    const whenDue = () => {
      if (document.visibilityState === 'visible') void check(false);
    };
    checkNow.current = () => void check(true);
    void check(false);
    const timer = setInterval(whenDue, REVALIDATE_EVERY_MS);
    window.addEventListener('online', whenDue);
    window.addEventListener('focus', whenDue);
    document.addEventListener('visibilitychange', whenDue);
    return () => {
      stopped.abort();
      checkNow.current = () => {};
      clearInterval(timer);
      window.removeEventListener('online', whenDue);
      window.removeEventListener('focus', whenDue);
      document.removeEventListener('visibilitychange', whenDue);
    };
  }, [userId]);

  return useCallback(() => checkNow.current(), []);
}
