import { DEFAULT_CREW_SETTINGS, DEFAULT_PHOTO_SETTINGS, type SessionInfo } from '@lastmile/domain';

/** A technician's session as the server sends it, for the session tests; `id` and `email` vary per test. */
export function testSession(
  id = '0b7e3f0e-5d2a-4c1e-9a43-2f1d7c6b5a40',
  email = 'tech1@demo.lastmile.app',
): SessionInfo {
  return {
    user: { id, name: 'Ana Ruiz', email, role: 'technician', teamId: '5c1a0d2e-8f3b-4a6c-b7d9-0e1f2a3b4c5d' },
    org: {
      id: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a',
      name: 'Demo Org',
      photos: DEFAULT_PHOTO_SETTINGS,
      locale: 'en',
      crew: DEFAULT_CREW_SETTINGS,
    },
    csrfToken: 'csrf-123',
  };
}
