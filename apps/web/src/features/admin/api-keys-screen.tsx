import type { ApiKey, CreatedApiKey } from '@lastmile/domain';
import { useId, useState } from 'react';
import { formatDay, formatTime, useT } from '../../i18n/index.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { adminApi, adminKeys, useApiKeys, useRefreshAdmin } from './admin-api.ts';
import { adminProblem } from './admin-errors.ts';
import { ApiKeyForm } from './api-key-form.tsx';
import { ApiKeySecret } from './api-key-secret.tsx';
import { RevokeKeyDialog } from './revoke-key-dialog.tsx';
import './admin.css';

/**
 * Organization API keys for other systems (ADR 0031), admins only: create one (its secret shown
 * once), see when each was last used, revoke one at once. Online only (REST).
 */
export function ApiKeysScreen() {
  const t = useT();
  const ids = useId();
  const keys = useApiKeys();
  const refresh = useRefreshAdmin();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [notice, setNotice] = useState('');
  // "Expired" is judged at the time the list was fetched (a pure render, no clock read).
  const fetchedAt = keys.dataUpdatedAt;

  async function revoke(key: ApiKey) {
    await adminApi.revokeApiKey(key.id);
    setNotice(t('admin.apiKeys.revoked', { name: key.name }));
    await refresh(adminKeys.apiKeys);
  }

  return (
    <section className="office admin" aria-labelledby={`${ids}-h`}>
      <h1 id={`${ids}-h`}>{t('admin.apiKeys.title')}</h1>
      <p className="office__intro">
        {t('admin.apiKeys.intro')} <a href="/api/docs">{t('admin.apiKeys.docs')}</a>
      </p>
      <div className="office-columns">
        <div>
          {created ? (
            <ApiKeySecret created={created} onDone={() => setCreated(null)} />
          ) : (
            <ApiKeyForm onCreated={setCreated} />
          )}
        </div>
        <div>
          <h2>{t('admin.apiKeys.list')}</h2>
          <p className="admin-notice" role="status">
            {keys.isPending ? t('admin.loading') : notice}
          </p>
          {keys.isError && (
            <p className="form-error" role="alert">
              {adminProblem(keys.error)}
            </p>
          )}
          {keys.isSuccess && keys.data.keys.length === 0 && <EmptyState>{t('admin.apiKeys.none')}</EmptyState>}
          <ul className="admin-people">
            {(keys.data?.keys ?? []).map((key) => (
              <ApiKeyRow key={key.id} apiKey={key} fetchedAt={fetchedAt} onRevoke={() => setRevoking(key)} />
            ))}
          </ul>
        </div>
      </div>
      {revoking && (
        <RevokeKeyDialog apiKey={revoking} onConfirm={() => revoke(revoking)} onClose={() => setRevoking(null)} />
      )}
    </section>
  );
}

function ApiKeyRow({ apiKey, fetchedAt, onRevoke }: { apiKey: ApiKey; fetchedAt: number; onRevoke: () => void }) {
  const t = useT();
  const expired = apiKey.expiresAt !== null && Date.parse(apiKey.expiresAt) <= fetchedAt;
  const live = apiKey.revokedAt === null && !expired;
  return (
    <li className="admin-person" data-api-key={apiKey.id} tabIndex={-1}>
      <div className="admin-person__who">
        <strong>{apiKey.name}</strong>
        <span className="admin-person__email">
          <code>{apiKey.prefix}…</code> ·{' '}
          {t(apiKey.scopes.includes('write') ? 'admin.apiKeys.write' : 'admin.apiKeys.read')}
        </span>
        <span className="admin-person__facts">
          {t('admin.apiKeys.created', { day: formatDay(apiKey.createdAt), name: apiKey.createdByName ?? '' })}
          {' · '}
          {apiKey.lastUsedAt
            ? t('admin.apiKeys.lastUsed', { day: formatDay(apiKey.lastUsedAt), time: formatTime(apiKey.lastUsedAt) })
            : t('admin.apiKeys.neverUsed')}
          {' · '}
          {apiKey.expiresAt
            ? t('admin.apiKeys.expiresOn', { day: formatDay(apiKey.expiresAt) })
            : t('admin.apiKeys.noExpiry')}
        </span>
      </div>
      <span className={`admin-status${live ? '' : ' admin-status--deactivated'}`}>
        {apiKey.revokedAt
          ? t('admin.apiKeys.status.revoked', { day: formatDay(apiKey.revokedAt) })
          : expired
            ? t('admin.apiKeys.status.expired')
            : t('admin.apiKeys.status.active')}
      </span>
      {apiKey.revokedAt === null && (
        <button
          type="button"
          className="button button--danger"
          aria-label={t('admin.apiKeys.revokeNamed', { name: apiKey.name })}
          onClick={onRevoke}
        >
          {t('admin.apiKeys.revoke')}
        </button>
      )}
    </li>
  );
}
