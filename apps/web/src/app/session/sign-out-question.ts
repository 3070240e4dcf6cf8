import type { AppDb } from '../../local-db/app-db.ts';
import type { DeviceDb } from './device-db.ts';
import { hasOfflineVerifier } from './offline-verifier.ts';
import { pinSignIns } from './crew-pins.ts';
import { t } from '../../i18n/index.ts';

type Situation = { userId: string; online: boolean };

/**
 * What to ask before signing this person out, or null when nothing needs saying. Pending changes
 * are asked about by the shell already (signed-in-shell.tsx), so this covers the other cases:
 * no connection (how to get back in) and photos still waiting to upload.
 */
export async function signOutQuestion(
  device: DeviceDb,
  app: Pick<AppDb, '_outbox' | '_uploads'>,
  { userId, online }: Situation,
): Promise<string | null> {
  if ((await app._outbox.count()) > 0) return null;
  const photos = await app._uploads.count();
  if (online && photos === 0) return null;
  const parts: string[] = [];
  if (!online) {
    const pin = (await pinSignIns(device)).some((row) => row.userId === userId);
    const resumable = await hasOfflineVerifier(device, userId);
    parts.push(
      t(
        pin
          ? 'session.signOutOfflinePin'
          : resumable
            ? 'session.signOutOfflineResumable'
            : 'session.signOutOfflineNeedsSignal',
      ),
    );
  }
  if (photos > 0) parts.push(t('session.signOutPhotosWaiting', { count: photos }));
  parts.push(t('session.signOutConfirm'));
  return parts.join(' ');
}
