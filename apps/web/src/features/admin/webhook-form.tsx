import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@lastmile/domain';
import { useId, useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { TextField } from '../../ui/forms/text-field.tsx';
import { adminProblem } from './admin-errors.ts';
import { webhookApi } from './webhooks-api.ts';

/** Subscribing an endpoint: its URL, a note of what it is, and the events it wants. */
export function WebhookForm({ onCreated }: { onCreated: (secret: string) => Promise<void> }) {
  const t = useT();
  const id = useId();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<ReadonlySet<WebhookEventType>>(new Set(WEBHOOK_EVENT_TYPES));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (type: WebhookEventType, on: boolean) => {
    const next = new Set(events);
    if (on) next.add(type);
    else next.delete(type);
    setEvents(next);
  };

  async function submit() {
    setBusy(true);
    setProblem(null);
    try {
      const created = await webhookApi.create({ url, description, eventTypes: [...events] });
      setUrl('');
      setDescription('');
      await onCreated(created.secret);
    } catch (error) {
      setProblem(adminProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="admin-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('admin.webhooks.new')}</h2>
      <form
        className="office-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextField
          label={t('admin.webhooks.url')}
          hint={t('admin.webhooks.urlHint')}
          type="url"
          required
          value={url}
          onChange={setUrl}
        />
        <TextField label={t('admin.webhooks.description')} value={description} onChange={setDescription} />
        <fieldset className="admin-choices">
          <legend>{t('admin.webhooks.events')}</legend>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            // The same choice row as the other settings: the whole 44 px line is the touch target.
            <div key={type} className="admin-choice">
              <label>
                <input type="checkbox" checked={events.has(type)} onChange={(e) => toggle(type, e.target.checked)} />
                <code>{type}</code>
              </label>
            </div>
          ))}
        </fieldset>
        <p className="form-error" role="alert">
          {problem}
        </p>
        <button type="submit" className="button button--primary" disabled={busy || events.size === 0}>
          {t('admin.webhooks.create')}
        </button>
      </form>
    </section>
  );
}
