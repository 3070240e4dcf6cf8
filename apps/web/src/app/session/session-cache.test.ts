import { testSession } from './test-session.ts';
import { type SessionInfo } from '@lastmile/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceDb } from './device-db.ts';
import { clearCachedSession, loadCachedSession, saveCachedSession } from './session-cache.ts';

const session = testSession();

let db: DeviceDb;
let n = 0;

beforeEach(() => {
  db = new DeviceDb(`device-test-${++n}`);
});

afterEach(async () => {
  await db.delete();
});

describe('session cache', () => {
  it('is empty on a new device', async () => {
    expect(await loadCachedSession(db)).toBeNull();
  });

  it('returns the saved session after the database is reopened (the app restarted offline)', async () => {
    await saveCachedSession(db, session);
    db.close();
    const reopened = new DeviceDb(db.name);
    expect(await loadCachedSession(reopened)).toEqual(session);
    reopened.close();
  });

  it('replaces the previous session rather than keeping two', async () => {
    await saveCachedSession(db, session);
    await saveCachedSession(db, { ...session, csrfToken: 'csrf-456' });
    expect(await db.sessions.count()).toBe(1);
    expect((await loadCachedSession(db))?.csrfToken).toBe('csrf-456');
  });

  it('forgets the session on sign-out', async () => {
    await saveCachedSession(db, session);
    await clearCachedSession(db);
    expect(await loadCachedSession(db)).toBeNull();
  });

  it('treats a row that no longer matches the schema as signed out', async () => {
    await db.sessions.put({
      slot: 'current',
      session: { ...session, user: { ...session.user, role: 'superuser' } } as unknown as SessionInfo,
      savedAt: new Date().toISOString(),
    });
    expect(await loadCachedSession(db)).toBeNull();
  });
});
