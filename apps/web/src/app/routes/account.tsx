import { ChangePasswordScreen } from '../../features/account/change-password-screen.tsx';
import { deviceDb } from '../session/device-db.ts';
import { hasOfflineVerifier, rememberForOffline } from '../session/offline-verifier.ts';
import { useSignedInSession } from '../signed-in-session.ts';
import { useCrew } from '../crew/crew-context.tsx';
import { useT } from '../../i18n/index.ts';

/**
 * Changing one's own password, for every role. A device that lets this person sign in offline
 * learns the new password, so the old one stops opening it (ADR 0020).
 */
export function ChangePasswordRoute() {
  const session = useSignedInSession();
  const t = useT();
  const { host } = useCrew();
  // The phone's cookie is its own person's: a crew member changes theirs on their own device.
  if (session.user.id !== host.user.id) return <p>{t('crew.guestNoPassword')}</p>;
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
