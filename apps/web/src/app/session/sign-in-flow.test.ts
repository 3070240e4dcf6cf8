import { DEFAULT_CREW_SETTINGS, DEFAULT_PHOTO_SETTINGS, type SessionInfo, type SignInRequest } from '@lastmile/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../api.ts';
import { DeviceDb } from './device-db.ts';
import { OfflineSignInRefused, signInOnlineOrOffline } from './sign-in-flow.ts';

const session: SessionInfo = {
  user: {
    id: '0b7e3f0e-5d2a-4c1e-9a43-2f1d7c6b5a40',
    name: 'Ana Ruiz',
    email: 'tech1@demo.lastmile.app',
    role: 'technician',
    teamId: '5c1a0d2e-8f3b-4a6c-b7d9-0e1f2a3b4c5d',
  },
  org: {
    id: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a',
    name: 'Demo Org',
    photos: DEFAULT_PHOTO_SETTINGS,
    locale: 'en',
    crew: DEFAULT_CREW_SETTINGS,
  },
  csrfToken: 'csrf-123',
};
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
