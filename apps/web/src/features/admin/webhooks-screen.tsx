import { useId, useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { adminProblem } from './admin-errors.ts';
import { useRefreshAdmin } from './admin-api.ts';
import { WebhookCard } from './webhook-card.tsx';
import { WebhookForm } from './webhook-form.tsx';
import { WebhookSecret } from './webhook-secret.tsx';
import { useWebhooks, webhookKeys } from './webhooks-api.ts';
import './admin.css';

/**
 * The organization's webhooks (issue 13): endpoints that are told, by signed POST requests, what
 * happens to jobs, items and forms. Admins only, online (REST). A new or replaced secret is shown
 * once, at the top, until the admin has saved it.
 */
export function WebhooksScreen() {
  const t = useT();
  const ids = useId();
  const webhooks = useWebhooks();
  const refresh = useRefreshAdmin();
  const [secret, setSecret] = useState<string | null>(null);

  const changed = async (newSecret?: string) => {
    if (newSecret) setSecret(newSecret);
    await refresh(webhookKeys.list);
  };
  const list = webhooks.data?.subscriptions ?? [];
  return (
    <section className="office admin" aria-labelledby={`${ids}-h`}>
      <h1 id={`${ids}-h`}>{t('admin.webhooks.title')}</h1>
      <p>{t('admin.webhooks.intro')}</p>
      {secret && <WebhookSecret secret={secret} onDone={() => setSecret(null)} />}
      {webhooks.isError && (
        <p className="form-error" role="alert">
          {adminProblem(webhooks.error)}
        </p>
      )}
      {webhooks.isPending && <p role="status">{t('admin.loading')}</p>}
      {webhooks.isSuccess && list.length === 0 && <p>{t('admin.webhooks.none')}</p>}
      {list.map((webhook) => (
        <WebhookCard key={webhook.id} webhook={webhook} onChanged={changed} />
      ))}
      <WebhookForm onCreated={changed} />
    </section>
  );
}
