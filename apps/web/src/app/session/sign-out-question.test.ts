import { DEFAULT_CREW_SETTINGS, DEFAULT_PHOTO_SETTINGS, type SessionInfo } from '@lastmile/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDb } from '../../local-db/app-db.ts';
import { DeviceDb } from './device-db.ts';
import { rememberForOffline } from './offline-verifier.ts';
import { signOutQuestion } from './sign-out-question.ts';

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
const userId = session.user.id;

let device: DeviceDb;
let app: AppDb;
let n = 0;

beforeEach(() => {
  n++;
  device = new DeviceDb(`sign-out-device-${n}`);
  app = new AppDb(`sign-out-app-${n}`);
});

afterEach(async () => {
  await device.delete();
  await app.delete();
});

/** Only the count matters here; the rows' shape is the upload queue's business. */
async function queuePhoto(id: string): Promise<void> {
  await app.table('_uploads').put({ id, createdAt: new Date().toISOString() });
}

describe('the question before signing out', () => {
  it('asks nothing online with nothing waiting', async () => {
    expect(await signOutQuestion(device, app, { userId, online: true })).toBeNull();
  });

  it('offline, says the same email and password get back in once they have been used online here', async () => {
    expect(await signOutQuestion(device, app, { userId, online: false })).toContain('will need signal');
    await rememberForOffline(device, session.user.email, 'correct horse battery', session);
    expect(await signOutQuestion(device, app, { userId, online: false })).toContain('same email and password');
  });

  it('says photos are still waiting to upload, online too', async () => {
    await queuePhoto('a');
    await queuePhoto('b');
    expect(await signOutQuestion(device, app, { userId, online: true })).toContain('2 photos have not uploaded yet');
  });

  it('leaves the question to the shell when changes are pending, so the person is asked once', async () => {
    await app.table('_outbox').put({ id: 1, name: 'transitionJob', args: {} });
    expect(await signOutQuestion(device, app, { userId, online: false })).toBeNull();
  });
});
