import { useT, formatTime } from '../i18n/index.ts';
import { Link } from 'react-router';
import type { SyncStatus } from './sync-context.tsx';
import { changesSummary, troubleText } from './sync-summary.ts';
import './sync.css';

/** Always visible: online or not, what is still only on this phone, when it last synced. */
export function SyncStatusBar({ status, onSyncNow }: { status: SyncStatus; onSyncNow: () => void }) {
  const t = useT();
  const trouble = troubleText(status.trouble, t, new Date());
  const state =
    status.failure === 'sign_in_required'
      ? 'signin'
      : status.failure === 'update_required'
        ? 'update'
        : status.online
          ? 'online'
          : 'offline';
  const summary = changesSummary(
    {
      pending: status.pending,
      refused: status.refused,
      photos: status.photosWaiting,
      photoPercent: status.photoPercent,
      photosFailed: status.photosFailed,
    },
    t,
  );
  return (
    <div className="sync-bar" data-state={state}>
      {/* One target for "what is on this phone": state, when, and what is waiting, in two short lines. */}
      <Link className="sync-bar__link" to="/changes">
        <span className="sync-bar__line">
          <span className="sync-bar__dot" aria-hidden="true" />
          <span className="sync-bar__state" data-testid="sync-state">
            {t(`sync.state.${state}`)}
          </span>
          <span className="sync-bar__last" data-testid="sync-last" title={t('sync.lastSyncedHint')}>
            {status.syncing
              ? t('sync.syncing')
              : status.lastSyncedAt
                ? t('sync.lastSynced', { time: formatTime(status.lastSyncedAt) })
                : t('sync.neverSynced')}
          </span>
        </span>
        <span className="sync-bar__pending" data-testid="sync-pending">
          {summary}
        </span>
      </Link>
      {/* Announced when the state or what is waiting changes — never the clock of each sync. */}
      <span className="visually-hidden" role="status">
        {`${t(`sync.state.${state}`)}. ${summary}`}
      </span>
      <button
        type="button"
        className="sync-bar__now"
        onClick={onSyncNow}
        disabled={status.syncing}
        aria-label={t('sync.now')}
        title={t('sync.now')}
      >
        <span aria-hidden="true">↻</span>
      </button>
      {trouble ? (
        // Polite, not an alert: nothing is lost and the app keeps trying; the person should know, not panic.
        <p className="sync-bar__warning" role="status" data-testid="sync-trouble">
          {trouble} <Link to="/changes">{t('sync.trouble.see')}</Link>
        </p>
      ) : null}
    </div>
  );
}
