import { testSession } from './test-session.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceDb } from './device-db.ts';
import {
  VERIFIER_ITERATIONS,
  forgetOffline,
  hasOfflineVerifier,
  rememberForOffline,
  unlockOffline,
} from './offline-verifier.ts';

const sessionOf = testSession;

const ana = sessionOf('0b7e3f0e-5d2a-4c1e-9a43-2f1d7c6b5a40', 'tech1@demo.lastmile.app');
const ben = sessionOf('1c8f4a1f-6e3b-4d2f-8b54-3a2e8d7c6b51', 'tech2@demo.lastmile.app');
const PASSWORD = 'correct horse battery';

let db: DeviceDb;
let n = 0;

beforeEach(() => {
  db = new DeviceDb(`verifier-test-${++n}`);
});

afterEach(async () => {
  await db.delete();
});

describe('offline verifier', () => {
  it('unlocks the person with the password they last signed in with online, after a restart', async () => {
    await rememberForOffline(db, 'Tech1@Demo.Lastmile.app ', PASSWORD, ana);
    db.close();
    const reopened = new DeviceDb(db.name);
    expect(await unlockOffline(reopened, 'tech1@demo.lastmile.app', PASSWORD)).toEqual(ana);
    reopened.close();
  });

  it('does not unlock with a wrong password', async () => {
    await rememberForOffline(db, ana.user.email, PASSWORD, ana);
    expect(await unlockOffline(db, ana.user.email, 'correct horse batterY')).toBeNull();
    expect(await unlockOffline(db, ana.user.email, '')).toBeNull();
  });

  it("does not open one person's session with another person's email, even with the same password", async () => {
    await rememberForOffline(db, ana.user.email, PASSWORD, ana);
    await rememberForOffline(db, ben.user.email, 'bens own password', ben);
    expect(await unlockOffline(db, ben.user.email, PASSWORD)).toBeNull();
    expect(await unlockOffline(db, 'tech3@demo.lastmile.app', PASSWORD)).toBeNull();
    expect((await unlockOffline(db, ben.user.email, 'bens own password'))?.user.id).toBe(ben.user.id);
  });

  it('stores neither the password nor an unsalted hash, with a random salt per person', async () => {
    await rememberForOffline(db, ana.user.email, PASSWORD, ana);
    await rememberForOffline(db, ben.user.email, PASSWORD, ben);
    const rows = await db.verifiers.toArray();
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain(btoa(PASSWORD));
    expect(rows.every((row) => row.iterations >= 200_000 && row.iterations === VERIFIER_ITERATIONS)).toBe(true);
    const [first, second] = rows;
    expect(first?.salt).not.toBe(second?.salt);
    expect(first?.hash).not.toBe(second?.hash);
  });

  it('keeps one verifier per person, the latest password winning', async () => {
    await rememberForOffline(db, ana.user.email, PASSWORD, ana);
    await rememberForOffline(db, ana.user.email, 'a new password', ana);
    expect(await db.verifiers.count()).toBe(1);
    expect(await unlockOffline(db, ana.user.email, PASSWORD)).toBeNull();
    expect(await unlockOffline(db, ana.user.email, 'a new password')).toEqual(ana);
  });

  it('is forgotten when the server ends the session, so getting back in needs signal', async () => {
    await rememberForOffline(db, ana.user.email, PASSWORD, ana);
    await rememberForOffline(db, ben.user.email, PASSWORD, ben);
    await forgetOffline(db, ana.user.id);
    expect(await hasOfflineVerifier(db, ana.user.id)).toBe(false);
    expect(await unlockOffline(db, ana.user.email, PASSWORD)).toBeNull();
    expect(await hasOfflineVerifier(db, ben.user.id)).toBe(true);
  });
});
