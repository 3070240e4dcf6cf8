import { CREW_PIN_ATTEMPTS, type Actor, type CrewMember, type SessionInfo } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { queuedUploadsBy } from '../../attachments/queued-uploads.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { useOnline, useSyncIfLoaded, useSyncReady } from '../../sync/sync-context.tsx';
import { requestCrew, requestCrewJoin, requestCrewLeave } from '../session/crew-api.ts';
import { checkCrewPin, crewRows, forgetCrewMember, setCrewPin, type PinCheck } from '../session/crew-pins.ts';
import type { CrewPin, DeviceDb } from '../session/device-db.ts';
import { actingStore } from './acting-store.ts';
import { useIdleLock } from './use-idle-lock.ts';
import { cancelHomeSnapshot, deleteHomeSnapshot } from '../../snapshot/home-snapshot.ts';

/** How long signing a crew member out waits for their changes, then for their photos, to go. */
const LEAVE_WAIT_MS = 20_000;

/** Waits for `work`, or `ms` at most; a failure of `work` still surfaces. */
function atMost(work: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Someone on this phone, as the crew picker and screen list them. */
export type CrewPerson = CrewMember & { host: boolean; hasPin: boolean; locked: boolean };

/** Not left: `pending` changes and `photos` whose bytes are still on this phone only. */
export type LeaveResult = { left: true } | { left: false; pending: number; photos: number };

type CrewValue = {
  /** The phone's own session (its cookie, replica and outbox). */
  host: SessionInfo;
  /** The same session as the person holding the phone now: screens act as them. */
  acting: SessionInfo;
  people: CrewPerson[];
  /** The picker is up: nobody may act until someone enters their PIN. */
  locked: boolean;
  lock: () => void;
  unlock: (userId: string, pin: string) => Promise<PinCheck>;
  join: (input: { email: string; password: string; pin: string }) => Promise<CrewMember>;
  leave: (userId: string) => Promise<LeaveResult>;
  setOwnPin: (pin: string) => Promise<void>;
};

const CrewContext = createContext<CrewValue | null>(null);

const RECHECK_MS = 5 * 60_000;

function asMember(row: CrewPin): CrewMember {
  return { id: row.userId, name: row.name, role: row.role, teamId: row.teamId };
}

function actorOf(host: SessionInfo, person: CrewMember): Actor {
  return { userId: person.id, orgId: host.org.id, role: person.role, teamId: person.teamId };
}

/**
 * Crew mode (ADR 0033): who holds this phone. The phone's own person (the host) always is one of
 * the crew; colleagues join with their password once, online, and everyone switches with a PIN.
 * Every change is stamped with the acting person (SyncRuntime.setCrew); the server accepts it only
 * while that person is signed in on this device.
 */
export function CrewProvider({ host, device, children }: { host: SessionInfo; device: DeviceDb; children: ReactNode }) {
  // The sync engine loads after the first screen (sync-context.tsx): taps wait for it.
  const loaded = useSyncIfLoaded();
  const sync = useSyncReady();
  const db = useAppDb();
  const online = useOnline();
  const rows = useLiveQuery(() => crewRows(device, host.user.id), [device, host.user.id]);
  const store = useMemo(() => actingStore(host.user.id), [host.user.id]);
  const guests = useMemo(() => (rows ?? []).filter((r) => r.userId !== host.user.id), [rows, host.user.id]);
  // A phone with a crew starts at the picker: whoever picks it up may not be who put it down.
  const [locked, setLocked] = useState(() => store.hadCrew());
  const [actingId, setActingId] = useState(() => store.read() ?? host.user.id);

  const people = useMemo((): CrewPerson[] => {
    // The host is on the phone whether or not they have set a PIN (a row) yet.
    const own = rows?.find((r) => r.userId === host.user.id);
    const person = (member: CrewMember, row: CrewPin | undefined, isHost: boolean): CrewPerson => ({
      ...member,
      host: isHost,
      hasPin: row?.hash != null,
      locked: (row?.failures ?? 0) >= CREW_PIN_ATTEMPTS,
    });
    const hostMember = { id: host.user.id, name: host.user.name, role: host.user.role, teamId: host.user.teamId };
    return [person(hostMember, own, true), ...guests.map((g) => person(asMember(g), g, false))];
  }, [rows, guests, host.user]);

  const actingPerson = people.find((p) => p.id === actingId) ?? people[0]!;
  useEffect(() => {
    // Not before the crew is read: the stored person would be overwritten by the host.
    if (rows === undefined) return;
    store.write(actingPerson.id, guests.length > 0);
    loaded?.setCrew(
      actorOf(host, actingPerson),
      people.map((p) => actorOf(host, p)),
    );
  }, [loaded, host, actingPerson, people, guests.length, store, rows]);

  const lock = useCallback(() => {
    if (guests.length > 0) setLocked(true);
  }, [guests.length]);
  useIdleLock(guests.length > 0 && !locked, host.org.crew.idleMinutes * 60_000, lock);

  // The server decides who is still signed in here (left elsewhere, deactivated, device revoked).
  useEffect(() => {
    if (!online || guests.length === 0) return;
    const abort = new AbortController();
    const check = async () => {
      const crew = await requestCrew(await (await sync()).client.clientId(), abort.signal);
      const live = new Set(crew.members.map((m) => m.id));
      for (const g of guests) if (!live.has(g.userId)) await forgetCrewMember(device, host.user.id, g.userId);
    };
    void check().catch(() => undefined);
    const timer = setInterval(() => void check().catch(() => undefined), RECHECK_MS);
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, [online, guests, sync, device, host.user.id]);

  const unlock = useCallback(
    async (userId: string, pin: string) => {
      const result = await checkCrewPin(device, host.user.id, userId, pin);
      if (result.ok) {
        setActingId(userId);
        setLocked(false);
      }
      return result;
    },
    [device, host.user.id],
  );

  const join = useCallback(
    async ({ email, password, pin }: { email: string; password: string; pin: string }) => {
      // From now on the phone is shared: the home snapshot (ADR 0034) goes first.
      cancelHomeSnapshot();
      await deleteHomeSnapshot();
      const runtime = await sync();
      // The server learns which phone this session is on at its first sync, and refuses a join
      // before that (crew.syncFirst): a round first, so a person added right after signing in is
      // not told to wait and try again.
      await runtime.roundNow();
      const member = await requestCrewJoin({ clientId: await runtime.client.clientId(), email, password });
      await setCrewPin(device, { hostUserId: host.user.id, member, pin });
      // The next pull brings the newcomer's work (the phone's scopes grew).
      runtime.kick();
      return member;
    },
    [device, host.user.id, sync],
  );

  const leave = useCallback(
    async (userId: string): Promise<LeaveResult> => {
      // Their changes first: once they have left, the server refuses changes made in their name.
      // The outbox keeps a change until a pull confirms the server has it. Then their photos'
      // bytes, which need their record on the server first.
      // Each wait is bounded: on a connection that hangs rather than fails, the person tapping
      // "sign out" gets an answer (what is still waiting) instead of a screen that never returns.
      // What did not finish goes on in the background and is counted below as still waiting.
      const runtime = await sync();
      await atMost(runtime.roundNow(), LEAVE_WAIT_MS);
      await atMost(runtime.sendPhotosNow(), LEAVE_WAIT_MS);
      const pending = await db._outbox.filter((e) => e.actorId === userId).count();
      const photos = await queuedUploadsBy(db, userId);
      if (pending > 0 || photos > 0) return { left: false, pending, photos };
      await requestCrewLeave({ clientId: await runtime.client.clientId(), userId });
      await forgetCrewMember(device, host.user.id, userId);
      if (userId === actingId) setActingId(host.user.id);
      return { left: true };
    },
    [sync, db, device, host.user.id, actingId],
  );

  const setOwnPin = useCallback(
    async (pin: string) => {
      const member = { id: host.user.id, name: host.user.name, role: host.user.role, teamId: host.user.teamId };
      await setCrewPin(device, { hostUserId: host.user.id, member, pin, session: host });
    },
    [device, host],
  );

  const acting = useMemo(
    (): SessionInfo =>
      actingPerson.id === host.user.id
        ? host
        : {
            ...host,
            user: {
              id: actingPerson.id,
              name: actingPerson.name,
              role: actingPerson.role,
              teamId: actingPerson.teamId,
              email: '',
            },
          },
    [host, actingPerson],
  );

  // A crew that has gone meanwhile (signed out online, forgotten) leaves nobody to pick.
  const pickerUp = locked && (rows === undefined || guests.length > 0);
  const value = useMemo(
    () => ({ host, acting, people, locked: pickerUp, lock, unlock, join, leave, setOwnPin }),
    [host, acting, people, pickerUp, lock, unlock, join, leave, setOwnPin],
  );
  return <CrewContext.Provider value={value}>{children}</CrewContext.Provider>;
}

export function useCrew(): CrewValue {
  const value = useContext(CrewContext);
  if (!value) throw new Error('useCrew must be used inside <CrewProvider>');
  return value;
}
