import { ChangePasswordScreen } from '../../features/account/change-password-screen.tsx';
import { deviceDb } from '../session/device-db.ts';
import { hasOfflineVerifier, rememberForOffline } from '../session/offline-verifier.ts';
import { useSignedInSession } from '../signed-in-session.ts';

/**
 * Changing one's own password, for every role. A device that lets this person sign in offline
 * learns the new password, so the old one stops opening it (ADR 0020).
 */
export function ChangePasswordRoute() {
  const session = useSignedInSession();
  return (
    <ChangePasswordScreen
      onChanged={async (password) => {
        const db = deviceDb();
        if (await hasOfflineVerifier(db, session.user.id))
          await rememberForOffline(db, session.user.email, password, session);
      }}
    />
  );
}
