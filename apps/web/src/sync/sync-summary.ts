import { isStuck, type SyncTrouble } from '@lastmile/sync/client';
import { formatDay, formatTime, type Translate } from '../i18n/index.ts';

/**
 * The header's word on this phone's changes. "All changes synced" only when nothing waits and
 * nothing was refused: a refused change did not land, so that state is never called synced.
 */
export type ChangeCounts = {
  pending: number;
  refused: number;
  /** Photos whose bytes wait to upload, and how far the one uploading now has got (0–100). */
  photos?: number;
  photoPercent?: number | null;
  photosFailed?: number;
};

export function changesSummary(counts: ChangeCounts, t: Translate): string {
  const { pending, refused, photos = 0, photoPercent = null, photosFailed = 0 } = counts;
  const parts = [
    pending > 0 ? t('sync.pending', { count: pending }) : null,
    photos > 0
      ? photoPercent === null
        ? t('sync.photos', { count: photos })
        : t('sync.photosUploading', { count: photos, percent: photoPercent })
      : null,
    refused > 0 ? t('sync.refused', { count: refused }) : null,
    photosFailed > 0 ? t('sync.photosFailed', { count: photosFailed }) : null,
  ].filter((p) => p !== null);
  return parts.length > 0 ? parts.join(' · ') : t('sync.allSynced');
}

/** "10:42" today, "Fri 20 Nov 10:42" before: the day matters once it is not today. */
export function sinceText(iso: string, now: Date, locale?: string): string {
  const time = formatTime(iso, locale);
  return new Date(iso).toDateString() === now.toDateString() ? time : `${formatDay(iso, locale)} ${time}`;
}

/** The header's warning when the server keeps failing a sync step, or null while there is none to show. */
export function troubleText(
  trouble: SyncTrouble | null | undefined,
  t: Translate,
  now: Date,
  locale?: string,
): string | null {
  if (!isStuck(trouble)) return null;
  const params = { when: sinceText(trouble.since, now, locale), message: trouble.message };
  return t(trouble.phase === 'push' ? 'sync.trouble.push' : 'sync.trouble.pull', params);
}
