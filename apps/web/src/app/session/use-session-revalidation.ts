import type { SessionInfo } from '@lastmile/domain';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError } from '../api.ts';
import { requestCurrentSession } from './session-api.ts';

const REVALIDATE_EVERY_MS = 5 * 60_000;

/**
 * Checks the cached session against the server in the background whenever there is a
 * connection (on start, on reconnect, on focus, every few minutes). The app never waits for
 * it: a network error leaves the person working offline; only a definite "not signed in"
 * (401, or the cookie now belonging to someone else) ends the session on this device.
 */
export function useSessionRevalidation(
  session: SessionInfo | null,
  onFresh: (session: SessionInfo) => Promise<void>,
  onExpired: () => Promise<void>,
): void {
  const userId = session?.user.id ?? null;
  const query = useQuery({
    queryKey: ['session', 'me', userId],
    queryFn: ({ signal }) => requestCurrentSession(signal),
    enabled: userId !== null,
    retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
    staleTime: REVALIDATE_EVERY_MS,
    refetchInterval: REVALIDATE_EVERY_MS,
    refetchOnReconnect: true,
    refetchOnWindowFocus: true,
  });

  const fresh = query.data;
  useEffect(() => {
    if (fresh === undefined || userId === null) return;
    if (fresh === null || fresh.user.id !== userId) {
      onExpired().catch(() => undefined);
    } else {
      onFresh(fresh).catch(() => undefined);
    }
    // Runs once per server answer; the callbacks are stable.
  }, [fresh, userId, onFresh, onExpired]);
}
