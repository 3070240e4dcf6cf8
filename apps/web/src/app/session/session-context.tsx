import type { SessionInfo } from '@lastmile/domain';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { onDeviceRevoked, setCsrfToken } from '../api.ts';
import type { DeviceDb } from './device-db.ts';
import { appDbFor } from '../../local-db/open-app-db.ts';
import { readRevocation, saveRevocation, type Revocation } from './device-wipe.ts';
import { forgetOffline } from './offline-verifier.ts';
import { forgetCrew } from './crew-pins.ts';
import { requestSignOut } from './session-api.ts';
import { forgetServerAnswers } from './server-answers.ts';
import { clearCachedSession, loadCachedSession, saveCachedSession } from './session-cache.ts';
import { rememberStartRole } from '../start-hint.ts';
import { rememberSessionEnded, sessionEndedHere } from './session-ended.ts';
import { cancelHomeSnapshot, deleteHomeSnapshot } from '../../snapshot/home-snapshot.ts';
import { signOutQuestion } from './sign-out-question.ts';
import { useSessionRevalidation } from './use-session-revalidation.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; session: SessionInfo }
  /** An admin revoked this device: the app says why and erases its data (ADR 0028). */
  | { status: 'revoked'; revocation: Revocation };

type SessionContextValue = {
  state: SessionState;
  /** This device's own store: the cached session and the offline sign-in verifiers. */
  db: DeviceDb;
  /** Stores a session the server just issued and switches to the signed-in app. */
  adoptSession: (session: SessionInfo) => Promise<void>;
  /**
   * Ends the session on the server when reachable, and always on this device. Offline or with
   * photos waiting, it first asks and says what happens; local data and outbox stay either way.
   */
  signOut: () => Promise<void>;
  /** Asks the server now whether the session still holds (a sync was refused with "sign in required"). */
  revalidate: () => void;
};

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ db, children }: { db: DeviceDb; children: ReactNode }) {
  const [state, setState] = useState<SessionState>(() => {
    // A revocation whose erasing was interrupted (the tab closed): show it and finish first.
    const revocation = readRevocation();
    return revocation ? { status: 'revoked', revocation } : { status: 'loading' };
  });
  const signedIn = useRef<SessionInfo | null>(null);
  const signedInSession = state.status === 'signed-in' ? state.session : null;
  useEffect(() => {
    signedIn.current = signedInSession;
  }, [signedInSession]);

  // Any answer saying this device was revoked (a sync, the session check, a screen) ends it here.
  useEffect(() => {
    onDeviceRevoked((error) => {
      if (readRevocation()) return;
      const reason = error.detail?.params?.['reason'];
      const revocation: Revocation = {
        reason: typeof reason === 'string' ? reason : '',
        orgName: signedIn.current?.org.name ?? null,
        at: new Date().toISOString(),
        wiped: false,
      };
      saveRevocation(revocation);
      cancelHomeSnapshot();
      void deleteHomeSnapshot();
      setCsrfToken(null);
      forgetServerAnswers();
      setState({ status: 'revoked', revocation });
    });
    return () => onDeviceRevoked(null);
  }, []);

  useEffect(() => {
    if (readRevocation()) return;
    let cancelled = false;
    loadCachedSession(db)
      .catch(() => null)
      .then((session) => {
        if (cancelled) return;
        setCsrfToken(session?.csrfToken ?? null);
        rememberStartRole(session?.user.role ?? null);
        setState(session ? { status: 'signed-in', session } : { status: 'signed-out', expired: sessionEndedHere() });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [db]);

  const adoptSession = useCallback(
    async (session: SessionInfo) => {
      // A new sign-in (perhaps someone else's): no earlier home snapshot may outlive it.
      if (signedIn.current?.user.id !== session.user.id) {
        cancelHomeSnapshot();
        await deleteHomeSnapshot();
      }
      await saveCachedSession(db, session);
      rememberSessionEnded(false);
      rememberStartRole(session.user.role);
      setCsrfToken(session.csrfToken);
      setState({ status: 'signed-in', session });
    },
    [db],
  );

  const endLocally = useCallback(
    async (expired: boolean) => {
      cancelHomeSnapshot();
      await deleteHomeSnapshot();
      await clearCachedSession(db);
      // Before the state changes: a reload from here on still says why (session-ended.ts).
      rememberSessionEnded(expired);
      rememberStartRole(null);
      setCsrfToken(null);
      // Forget the server's last answers so the next person starts from a clean slate, and the
      // photos this person viewed (the service worker's cache; vite.config.ts runtimeCaching).
      forgetServerAnswers();
      if (typeof caches !== 'undefined') await caches.delete('lastmile-photos').catch(() => false);
      setState({ status: 'signed-out', expired });
    },
    [db],
  );

  const current = state.status === 'signed-in' ? state.session : null;
  // From the moment a sign-out is sent until it has ended the session here: a sync or a check
  // refused meanwhile (401) is that sign-out's doing, not the server ending the session.
  const signingOut = useRef(false);

  const signOut = useCallback(async () => {
    if (current) {
      const situation = { userId: current.user.id, online: navigator.onLine };
      const question = await signOutQuestion(db, appDbFor(current.user.id), situation).catch(() => null);
      if (question && !window.confirm(question)) return;
    }
    // Offline sign-out still works on the device; the server session then simply expires. Online,
    // the server also ended the crew this phone carried: their PINs here go (the own one stays).
    signingOut.current = true;
    try {
      const ended = await requestSignOut().then(
        () => true,
        () => false,
      );
      if (ended && current) await forgetCrew(db, current.user.id, { keepOwn: true }).catch(() => undefined);
      await endLocally(false);
    } finally {
      signingOut.current = false;
    }
  }, [current, db, endLocally]);

  // Keep the session object stable when the server confirms it unchanged: consumers (the sync
  // engine) restart when it changes identity.
  const onFresh = useCallback(
    async (fresh: SessionInfo) => {
      if (current && JSON.stringify(current) === JSON.stringify(fresh)) return;
      await adoptSession(fresh);
    },
    [current, adoptSession],
  );
  // The server ended the session (expired, revoked, deactivated): the verifier goes too, so this
  // device cannot be opened offline again until the person signs in online (ADR 0020).
  const onExpired = useCallback(async () => {
    // The person's own sign-out ended it (a sync was refused in between): the verifier stays, so
    // the phone still opens offline for them (offline-sign-in.e2e.test.ts).
    if (signingOut.current) return;
    if (current) {
      await forgetOffline(db, current.user.id).catch(() => undefined);
      await forgetCrew(db, current.user.id, { keepOwn: false }).catch(() => undefined);
    }
    await endLocally(true);
  }, [current, db, endLocally]);
  const revalidate = useSessionRevalidation(current, onFresh, onExpired);

  const value = useMemo(
    () => ({ state, db, adoptSession, signOut, revalidate }),
    [state, db, adoptSession, signOut, revalidate],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionContext must be used inside <SessionProvider>');
  return value;
}

/** The signed-in person's session; only for components rendered behind the sign-in gate. */
export function useSession(): SessionInfo {
  const { state } = useSessionContext();
  if (state.status !== 'signed-in') throw new Error('useSession needs a signed-in session');
  return state.session;
}
