import { describe, expect, it } from 'vitest';
import type { SyncTrouble } from '@lastmile/sync/client';
import { t } from '../i18n/index.ts';
import { changesSummary, troubleText } from './sync-summary.ts';

describe('the header summary', () => {
  it('never calls a state with refused changes "all synced"', () => {
    expect(changesSummary({ pending: 0, refused: 0 }, t)).toBe('All changes synced');
    expect(changesSummary({ pending: 0, refused: 2 }, t)).toBe('2 changes refused — see why');
    expect(changesSummary({ pending: 1, refused: 1 }, t)).toBe(
      '1 change only on this phone · 1 change refused — see why',
    );
    for (const refused of [1, 2, 50]) expect(changesSummary({ pending: 0, refused }, t)).not.toMatch(/synced/i);
  });

  it('counts photos still to upload, with the progress of the one on its way, and never calls that synced', () => {
    expect(changesSummary({ pending: 0, refused: 0, photos: 3 }, t)).toBe('3 photos to upload');
    expect(changesSummary({ pending: 2, refused: 0, photos: 1, photoPercent: 40 }, t)).toBe(
      '2 changes only on this phone · 1 photo uploading (40%)',
    );
    expect(changesSummary({ pending: 0, refused: 0, photosFailed: 1 }, t)).toBe('1 photo not accepted — see why');
    expect(changesSummary({ pending: 0, refused: 0, photos: 1 }, t)).not.toMatch(/synced/i);
  });

  it('warns once pushing keeps failing, with since when and what the server said', () => {
    const now = new Date('2026-11-21T12:00:00');
    const trouble: SyncTrouble = {
      phase: 'push',
      mutationId: 4,
      since: new Date('2026-11-21T10:42:00').toISOString(),
      lastAt: now.toISOString(),
      attempts: 1,
      status: 500,
      code: 'internal',
      message: 'Something went wrong on our side.',
    };
    expect(troubleText(null, t, now)).toBeNull();
    // One 500 can be a restart: not yet.
    expect(troubleText(trouble, t, now, 'en-GB')).toBeNull();
    expect(troubleText({ ...trouble, attempts: 3 }, t, now, 'en-GB')).toBe(
      'Changes could not be sent since 10:42 — the server said: Something went wrong on our side.',
    );
    expect(troubleText({ ...trouble, status: 400, phase: 'pull' }, t, new Date('2026-11-22T08:00:00'), 'en-GB')).toBe(
      'Could not get updates from the server since Sat 21 Nov 10:42 — the server said: Something went wrong on our side.',
    );
  });
});
