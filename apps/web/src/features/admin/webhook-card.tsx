import type { WebhookSubscription } from '@lastmile/domain';
import { useId, useState } from 'react';
import { formatDay, formatTime, useT } from '../../i18n/index.ts';
import { adminProblem } from './admin-errors.ts';
import { WebhookDeliveries } from './webhook-deliveries.tsx';
import { webhookApi } from './webhooks-api.ts';

type Props = {
  webhook: WebhookSubscription;
  /** After a change: the list reads again; a new secret is shown once. */
  onChanged: (secret?: string) => Promise<void>;
};

/** One subscription: where it goes, what it sends, whether it is on; its actions and its delivery log. */
export function WebhookCard({ webhook, onChanged }: Props) {
  const t = useT();
  const id = useId();
  const [confirming, setConfirming] = useState<'rotate' | 'remove' | null>(null);
  const [showLog, setShowLog] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function act(run: () => Promise<string | undefined>) {
    setBusy(true);
    setProblem(null);
    try {
      const secret = await run();
      setConfirming(null);
      await onChanged(secret);
    } catch (error) {
      setProblem(adminProblem(error));
    } finally {
      setBusy(false);
    }
  }

  const status = webhook.enabled
    ? t('admin.webhooks.status.on')
    : webhook.disabledReason === 'failing'
      ? t('admin.webhooks.status.failing', {
          when: webhook.disabledAt ? `${formatDay(webhook.disabledAt)} ${formatTime(webhook.disabledAt)}` : '',
        })
      : t('admin.webhooks.status.off');
  return (
    <article className="admin-section webhook" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="webhook__url">
        {webhook.url}
      </h2>
      {webhook.description && <p>{webhook.description}</p>}
      <p className={webhook.enabled ? 'admin-status' : 'admin-status admin-status--deactivated'}>{status}</p>
      <p className="webhook__facts">
        {webhook.eventTypes.join(', ')} · {t('admin.webhooks.secretHint', { hint: webhook.secretHint })}
      </p>
      <div className="admin-actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() =>
            void act(async () => void (await webhookApi.update(webhook.id, { enabled: !webhook.enabled })))
          }
        >
          {webhook.enabled ? t('admin.webhooks.switchOff') : t('admin.webhooks.switchOn')}
        </button>
        {confirming === null ? (
          <>
            <button type="button" className="button" disabled={busy} onClick={() => setConfirming('rotate')}>
              {t('admin.webhooks.rotate')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setConfirming('remove')}>
              {t('admin.webhooks.remove')}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              onClick={() =>
                void act(async () =>
                  confirming === 'rotate'
                    ? (await webhookApi.rotateSecret(webhook.id)).secret
                    : void (await webhookApi.remove(webhook.id)),
                )
              }
            >
              {confirming === 'rotate' ? t('admin.webhooks.rotateConfirm') : t('admin.webhooks.removeConfirm')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(null)}>
              {t('admin.webhooks.cancel')}
            </button>
          </>
        )}
        <button type="button" className="button" aria-expanded={showLog} onClick={() => setShowLog(!showLog)}>
          {t('admin.webhooks.log')}
        </button>
      </div>
      <p className="form-error" role="alert">
        {problem}
      </p>
      {showLog && <WebhookDeliveries webhook={webhook} />}
    </article>
  );
}
