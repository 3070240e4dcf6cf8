import { useId } from 'react';
import { formatDay, formatTime, useT } from '../../i18n/index.ts';
import { useServerThread } from '../../jobs/use-server-job.ts';

/**
 * The thread of a job that is not on this device, as the server holds it (ADR 0041): who wrote
 * what and when, handoff notes marked, photos as thumbnails that open the full image. Read only:
 * a new message goes through sync, which needs the job on the device.
 */
export function ServerThread({ jobId }: { jobId: string }) {
  const t = useT();
  const headingId = useId();
  const thread = useServerThread(jobId);
  return (
    <section className="job__thread" aria-labelledby={headingId} aria-busy={thread.isPending}>
      <h2 id={headingId}>{t('job.thread.title')}</h2>
      {thread.isPending && <p className="job__muted">{t('job.server.threadLoading')}</p>}
      {thread.isError && <p className="job__muted">{t('job.server.threadFailed')}</p>}
      {thread.data && thread.data.messages.length === 0 && <p className="job__muted">{t('job.server.noThread')}</p>}
      {thread.data && thread.data.messages.length > 0 && (
        <ol className="thread">
          {thread.data.messages.map((message) => (
            <li
              key={message.id}
              className={message.kind === 'handoff' ? 'thread__entry thread__entry--handoff' : 'thread__entry'}
            >
              <p className="thread__meta">
                {message.kind === 'handoff' && <strong>{t('job.thread.handoff')} · </strong>}
                {message.author ?? t('job.server.unknownAuthor')} ·{' '}
                <time dateTime={message.createdAt}>
                  {formatDay(message.createdAt)} {formatTime(message.createdAt)}
                </time>
              </p>
              <p className="job__pre">{message.body}</p>
              {message.photoIds.length > 0 && (
                <ul className="photo-gallery">
                  {message.photoIds.map((id, index) => (
                    <li key={id} className="photo-thumb">
                      <a className="photo-thumb__open" href={`/api/attachments/${id}`} target="_blank" rel="noreferrer">
                        <img
                          src={`/api/attachments/${id}/thumbnail`}
                          alt={t('job.server.photo', { number: index + 1 })}
                          loading="lazy"
                          decoding="async"
                        />
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
