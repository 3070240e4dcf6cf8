import { testSession } from './test-session.ts';
import { type SessionInfo, type SignInRequest } from '@lastmile/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../api.ts';
import { DeviceDb } from './device-db.ts';
import { OfflineSignInRefused, signInOnlineOrOffline } from './sign-in-flow.ts';

const session = testSession();
const input: SignInRequest = { email: 'tech1@demo.lastmile.app', password: 'correct horse battery' };
const online = (): Promise<SessionInfo> => Promise.resolve(session);
const offline = (): Promise<SessionInfo> => Promise.reject(new NetworkError(new TypeError('Failed to fetch')));

let db: DeviceDb;
let n = 0;

beforeEach(() => {
  db = new DeviceDb(`sign-in-flow-test-${++n}`);
});

afterEach(async () => {
  await db.delete();
});

describe('signing in online or offline', () => {
  it('needs signal the first time on this device', async () => {
    await expect(signInOnlineOrOffline(db, input, offline)).rejects.toBeInstanceOf(OfflineSignInRefused);
  });

  it('gets back in offline after one online sign-in, with the same session', async () => {
    await signInOnlineOrOffline(db, input, online);
    await expect(signInOnlineOrOffline(db, input, offline)).resolves.toEqual(session);
    await expect(signInOnlineOrOffline(db, { ...input, password: 'wrong password' }, offline)).rejects.toBeInstanceOf(
      OfflineSignInRefused,
    );
  });

  it('keeps nothing when the server refuses the password', async () => {
    const refused = () => Promise.reject(new ApiError(401, 'unauthenticated', 'Email or password is incorrect.'));
    await expect(signInOnlineOrOffline(db, input, refused)).rejects.toBeInstanceOf(ApiError);
    expect(await db.verifiers.count()).toBe(0);
  });

  it('still signs in online where WebCrypto is missing (plain http), only without offline sign-in', async () => {
    const subtle = Object.getOwnPropertyDescriptor(globalThis.crypto, 'subtle');
    Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined, configurable: true });
    try {
      await expect(signInOnlineOrOffline(db, input, online)).resolves.toEqual(session);
      await expect(signInOnlineOrOffline(db, input, offline)).rejects.toBeInstanceOf(OfflineSignInRefused);
    } finally {
      if (subtle) Object.defineProperty(globalThis.crypto, 'subtle', subtle);
    }
    expect(await db.verifiers.count()).toBe(0);
  });
});
