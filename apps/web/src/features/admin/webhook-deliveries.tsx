import { useQueryClient } from '@tanstack/react-query';
import type { WebhookDelivery, WebhookSubscription } from '@lastmile/domain';
import { useState } from 'react';
import { formatDay, formatTime, useT, type MessageKey } from '../../i18n/index.ts';
import { adminProblem } from './admin-errors.ts';
import { useWebhookDeliveries, webhookApi, webhookKeys } from './webhooks-api.ts';

const STATUS: Record<WebhookDelivery['status'], MessageKey> = {
  pending: 'admin.webhooks.delivery.pending',
  succeeded: 'admin.webhooks.delivery.succeeded',
  failed: 'admin.webhooks.delivery.failed',
  cancelled: 'admin.webhooks.delivery.cancelled',
  held: 'admin.webhooks.delivery.held',
};

const when = (iso: string) => `${formatDay(iso)} ${formatTime(iso)}`;

/** The delivery log: each event sent, every attempt (time, answer or error, duration), the body; send again. */
export function WebhookDeliveries({ webhook }: { webhook: WebhookSubscription }) {
  const t = useT();
  const client = useQueryClient();
  const log = useWebhookDeliveries(webhook.id);
  const [notice, setNotice] = useState('');

  async function redeliver(delivery: WebhookDelivery) {
    try {
      await webhookApi.redeliver(webhook.id, delivery.id);
      setNotice(t('admin.webhooks.delivery.queued'));
      await client.invalidateQueries({ queryKey: webhookKeys.deliveries(webhook.id) });
    } catch (error) {
      setNotice(adminProblem(error));
    }
  }

  const deliveries = log.data?.pages.flatMap((p) => p.deliveries) ?? [];
  return (
    <div className="webhook-log">
      <p role="status">{log.isPending ? t('admin.loading') : notice}</p>
      {log.isError && <p role="alert">{adminProblem(log.error)}</p>}
      {log.isSuccess && deliveries.length === 0 && <p>{t('admin.webhooks.delivery.none')}</p>}
      <ul className="webhook-log__list">
        {deliveries.map((d) => (
          <li key={d.id} className="webhook-log__item">
            <p>
              <code>{d.eventType}</code> · {when(d.createdAt)} · <strong>{t(STATUS[d.status])}</strong>
            </p>
            <ul className="webhook-log__attempts">
              {d.attempts.map((a, i) => (
                <li key={i}>
                  {t('admin.webhooks.delivery.attempt', {
                    when: when(a.at),
                    result: a.status === null ? (a.error ?? '') : `HTTP ${a.status}`,
                    ms: a.durationMs,
                  })}
                </li>
              ))}
            </ul>
            <details>
              <summary>{t('admin.webhooks.delivery.body')}</summary>
              <pre className="webhook-log__body">{d.body}</pre>
            </details>
            {d.status !== 'pending' && webhook.enabled && (
              <button type="button" className="button" onClick={() => void redeliver(d)}>
                {t('admin.webhooks.delivery.redeliver')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {log.hasNextPage && (
        <button
          type="button"
          className="button"
          disabled={log.isFetchingNextPage}
          onClick={() => void log.fetchNextPage()}
        >
          {t('admin.webhooks.delivery.older')}
        </button>
      )}
    </div>
  );
}
