import { useQuery } from '@tanstack/react-query';
import { isMutatorName, refusedChangesSchema } from '@lastmile/domain';
import { apiRequest } from '../app/api.ts';
import { formatDay, formatTime, useT } from '../i18n/index.ts';

/**
 * For leads and the office: changes the server refused in their team, kept for review (needs a
 * connection). Each names who made it, the crew member on a shared phone (ADR 0033).
 */
export function TeamRefusals() {
  const t = useT();
  const query = useQuery({
    queryKey: ['sync', 'refused'],
    queryFn: () => apiRequest('/api/sync/refused', { schema: refusedChangesSchema }),
    retry: false,
  });
  return (
    <section aria-labelledby="team-refused-title">
      <h2 id="team-refused-title">{t('changes.teamTitle')}</h2>
      {query.isPending ? <p role="status">{t('home.loading')}</p> : null}
      {query.isError ? <p>{t('changes.teamOffline')}</p> : null}
      {query.data?.items.length === 0 ? <p>{t('changes.teamNone')}</p> : null}
      <ul className="changes__list" data-testid="team-refused-list">
        {query.data?.items.map((item) => (
          <li key={`${item.clientId}:${item.mutationId}`} className="changes__item changes__item--refused">
            <p className="changes__what">
              {item.job
                ? t('changes.onJob', {
                    what: isMutatorName(item.name) ? t(`mutation.${item.name}`) : item.name,
                    number: item.job.number,
                  })
                : isMutatorName(item.name)
                  ? t(`mutation.${item.name}`)
                  : item.name}
            </p>
            <p className="changes__meta">
              {t('changes.meta', {
                when: `${formatDay(item.processedAt)} ${formatTime(item.processedAt)}`,
                who: item.by.name,
              })}
            </p>
            <p className="changes__reason">{t('changes.why', { reason: item.reason })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
