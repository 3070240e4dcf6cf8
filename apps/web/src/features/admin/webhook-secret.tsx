import { useId, useState } from 'react';
import { useT } from '../../i18n/index.ts';

/**
 * A signing secret just created or replaced: shown this once (the server cannot show it again),
 * with a button to copy it, until the admin says it is saved.
 */
export function WebhookSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  const t = useT();
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <section className="admin-section webhook-secret" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('admin.webhooks.secret.title')}</h2>
      <p id={`${id}-hint`}>{t('admin.webhooks.secret.once')}</p>
      <div className="field">
        <label htmlFor={`${id}-secret`}>{t('admin.webhooks.secret.title')}</label>
        <input
          id={`${id}-secret`}
          readOnly
          value={secret}
          aria-describedby={`${id}-hint`}
          onFocus={(e) => e.target.select()}
        />
      </div>
      <div className="admin-actions">
        <button
          type="button"
          className="button"
          onClick={() =>
            void navigator.clipboard.writeText(secret).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {t('admin.webhooks.secret.copy')}
        </button>
        <button type="button" className="button button--primary" onClick={onDone}>
          {t('admin.webhooks.secret.done')}
        </button>
      </div>
      <p role="status">{copied ? t('admin.webhooks.secret.copied') : ''}</p>
    </section>
  );
}
