import { useQuery } from '@tanstack/react-query';
import { formAnswerHistoryItemSchema, formAnswerRowSchema } from '@lastmile/domain';
import { useState } from 'react';
import { z } from 'zod';
import { apiRequest } from '../app/api.ts';
import { formatDay, formatTime, useT } from '../i18n/index.ts';
import { useSync } from '../sync/sync-context.tsx';

const historySchema = z.object({
  current: formAnswerRowSchema.nullable(),
  history: z.array(formAnswerHistoryItemSchema),
});

function display(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value.startsWith('data:') ? '(signature)' : value;
  return JSON.stringify(value);
}

/**
 * For leads and the office (R6): the earlier values of an answer that someone else overwrote,
 * who replaced them and whether they had seen them, and "Mark as reviewed" for a flagged one.
 * The history lives on the server, so it needs a connection; the flag itself syncs offline.
 */
export function AnswerHistory({
  responseId,
  fieldKey,
  count,
  conflict,
}: {
  responseId: string;
  fieldKey: string;
  count: number;
  conflict: boolean;
}) {
  const t = useT();
  const sync = useSync();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['answer-history', responseId, fieldKey, count],
    queryFn: () =>
      apiRequest(`/api/form-responses/${responseId}/answers/${fieldKey}/history`, { schema: historySchema }),
    enabled: open,
    retry: false,
  });
  return (
    <div className="answer-history">
      <button type="button" className="button button--ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('forms.history.toggle', { count })}
      </button>
      {conflict ? (
        <button
          type="button"
          className="button button--ghost"
          onClick={() => {
            sync
              .mutate('resolveAnswerConflict', { responseId, fieldKey })
              .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
          }}
        >
          {t('forms.history.resolve')}
        </button>
      ) : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {open ? (
        <div role="region" aria-label={t('forms.history.title')}>
          {query.isPending ? <p role="status">{t('forms.history.loading')}</p> : null}
          {query.isError ? <p>{t('forms.history.offline')}</p> : null}
          <ol className="answer-history__list">
            {query.data?.history.map((item) => (
              <li key={item.id}>
                <strong>{display(item.value)}</strong>{' '}
                {t('forms.history.item', {
                  by: item.answeredByName ?? t('forms.someoneElse'),
                  when: `${formatDay(item.capturedAt)} ${formatTime(item.capturedAt)}`,
                  replacedBy: item.replacedByName ?? t('forms.someoneElse'),
                })}
                {item.concurrent ? ` ${t('forms.history.concurrent')}` : ''}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </div>
  );
}
