import { newId } from '@lastmile/domain';
import { useId, useState } from 'react';
import { formatDay, formatTime, useT } from '../../i18n/index.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { useSync } from '../../sync/sync-context.tsx';
import { refusalMessage } from './refusal.ts';
import { useJobThread } from './use-job.ts';

/** Handoff notes, questions and replies, attached to the job and written offline like anything else. */
export function JobThread({ jobId }: { jobId: string }) {
  const t = useT();
  const db = useAppDb();
  const sync = useSync();
  const thread = useJobThread(db, jobId);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();

  async function send() {
    const text = body.trim();
    if (!text) {
      setError(t('job.thread.empty'));
      return;
    }
    try {
      await sync.mutate('postJobMessage', { id: newId(), jobId, body: text });
      setBody('');
      setError(null);
    } catch (e) {
      setError(refusalMessage(e, t('job.error.unexpected')));
    }
  }

  return (
    <section className="job__thread" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('job.thread.title')}</h2>
      {thread && thread.length === 0 && <p className="job__muted">{t('job.thread.none')}</p>}
      {thread && thread.length > 0 && (
        <ol className="thread">
          {thread.map(({ message, author }) => (
            <li
              key={message.id}
              className={message.kind === 'handoff' ? 'thread__entry thread__entry--handoff' : 'thread__entry'}
            >
              <p className="thread__meta">
                {message.kind === 'handoff' && <strong>{t('job.thread.handoff')} · </strong>}
                {author?.name ?? t('job.unknownPerson')} ·{' '}
                <time dateTime={message.createdAt}>
                  {formatDay(message.createdAt)} {formatTime(message.createdAt)}
                </time>
              </p>
              <p className="job__pre">{message.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form
        className="thread__form"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <div className="field">
          <label htmlFor={`${headingId}-message`}>{t('job.thread.message')}</label>
          <textarea
            id={`${headingId}-message`}
            rows={2}
            maxLength={5000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        </div>
        <button type="submit" className="button button--primary">
          {t('job.thread.send')}
        </button>
      </form>
      <p className="form-error" role="alert">
        {error ?? ''}
      </p>
    </section>
  );
}
