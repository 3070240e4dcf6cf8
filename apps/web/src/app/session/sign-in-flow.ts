import type { SessionInfo, SignInRequest } from '@lastmile/domain';
import { NetworkError } from '../api.ts';
import type { DeviceDb } from './device-db.ts';
import { rememberForOffline, unlockOffline } from './offline-verifier.ts';
import { refreshOwnPin } from './crew-pins.ts';
import { t } from '../../i18n/index.ts';

/** No connection, and no verifier on this device accepts this email and password. */
export class OfflineSignInRefused extends Error {
  constructor() {
    super(t('session.offlineSignInRefused'));
    this.name = 'OfflineSignInRefused';
  }
}

/**
 * Signs in with the server; without a connection, resumes the local session of a person who
 * signed in here online before with the same email and password (ADR 0020). The server then
 * re-checks that session when signal returns (use-session-revalidation.ts).
 */
export async function signInOnlineOrOffline(
  db: DeviceDb,
  input: SignInRequest,
  request: (body: SignInRequest) => Promise<SessionInfo>,
): Promise<SessionInfo> {
  let session: SessionInfo;
  try {
    session = await request(input);
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    const resumed = await unlockOffline(db, input.email, input.password).catch(() => null);
    if (!resumed) throw new OfflineSignInRefused();
    return resumed;
  }
  // Never a reason to refuse an online sign-in: WebCrypto is missing on plain-http origins other
  // than localhost. Without a verifier, signing out offline says that getting back in needs signal.
  await rememberForOffline(db, input.email, input.password, session).catch(() => undefined);
  await refreshOwnPin(db, session).catch(() => undefined);
  return session;
}
