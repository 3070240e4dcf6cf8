import type { SyncTrouble } from '@lastmile/sync/client';
import { useT } from '../i18n/index.ts';
import { sinceText } from './sync-summary.ts';

type Props = {
  trouble: SyncTrouble;
  /** The change first in the queue, in words (the one the server keeps failing on a push). */
  first: string | null;
  busy: boolean;
  onRetry: () => void;
  onSave: () => void;
};

/** Since when the server keeps failing, what it said, and ways forward that lose nothing. */
export function StuckNotice({ trouble, first, busy, onRetry, onSave }: Props) {
  const t = useT();
  const when = sinceText(trouble.since, new Date());
  return (
    <section className="changes__stuck" aria-labelledby="changes-stuck-title" data-testid="stuck">
      <h2 id="changes-stuck-title">
        {t(trouble.phase === 'push' ? 'changes.stuck.title' : 'changes.stuck.pullTitle', { when })}
      </h2>
      {trouble.phase === 'push' && first ? (
        <p className="changes__what">{t('changes.stuck.first', { what: first })}</p>
      ) : null}
      <p className="changes__said">{t('changes.stuck.said', { message: trouble.message })}</p>
      <p className="changes__meta">
        {t('changes.stuck.detail', { status: trouble.status, code: trouble.code, count: trouble.attempts })}
      </p>
      <p>{t('changes.stuck.keeps')}</p>
      <div className="changes__actions">
        <button type="button" className="button button--primary" onClick={onRetry} disabled={busy}>
          {t('changes.tryAgain')}
        </button>
        <button type="button" className="button button--ghost" onClick={onSave}>
          {t('changes.saveCopy')}
        </button>
      </div>
    </section>
  );
}
