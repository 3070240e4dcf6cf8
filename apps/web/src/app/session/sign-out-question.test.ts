import { testSession } from './test-session.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDb } from '../../local-db/app-db.ts';
import { DeviceDb } from './device-db.ts';
import { rememberForOffline } from './offline-verifier.ts';
import { signOutQuestion } from './sign-out-question.ts';

const session = testSession();
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
