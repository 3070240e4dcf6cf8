import type { AuditEvent } from '@lastmile/domain';
import { useId } from 'react';
import { NetworkError } from '../app/api.ts';
import { useT, type Translate } from '../i18n/index.ts';
import { useAuditTimeline, type AuditSubject } from './audit-api.ts';
import { auditDateTime, describeAuditEvent } from './describe-audit-event.ts';
import './audit.css';

type Props = {
  subject: AuditSubject;
  /** The section's heading; the timeline of a job on the review screen says so, the office screen names the person. */
  heading: string;
  /** Shows the device a change came from as a link (the office screen opens that device's trail). */
  deviceHref?: (clientId: string) => string;
};

function who(event: AuditEvent, names: Record<string, string>, t: Translate): string {
  if (!event.userId) return t('audit.value.unknown');
  return names[event.userId] ?? t('audit.value.unknown');
}

function Meta({
  event,
  names,
  deviceHref,
}: { event: AuditEvent; names: Record<string, string> } & Pick<Props, 'deviceHref'>) {
  const t = useT();
  const device = event.clientId
    ? event.clientId.startsWith('session-')
      ? t('audit.device.browser')
      : t('audit.device.sync', { id: event.clientId.slice(0, 12) })
    : null;
  return (
    <p className="audit-meta">
      {t('audit.meta', { who: who(event, names, t), at: auditDateTime(event.at) })}
      {event.clientTime && event.clientTime !== event.at ? (
        <> · {t('audit.deviceTime', { at: auditDateTime(event.clientTime) })}</>
      ) : null}
      {device ? (
        <>
          {' · '}
          {deviceHref && event.clientId ? <a href={deviceHref(event.clientId)}>{device}</a> : device}
        </>
      ) : null}
    </p>
  );
}

/**
 * A trail of changes, newest first: what was done, by whom, when (server and device clock), from
 * which device, and each value before and after. Reusable: the office's audit screen and the review
 * screen's job history both show it. Needs a connection (the trail lives on the server only).
 */
export function AuditTimeline({ subject, heading, deviceHref }: Props) {
  const t = useT();
  const headingId = useId();
  const query = useAuditTimeline(subject);
  const pages = query.data?.pages ?? [];
  const names = Object.assign({}, ...pages.map((p) => p.names)) as Record<string, string>;
  const events = pages.flatMap((p) => p.events);
  return (
    <section className="audit-timeline" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      {query.isPending ? <p role="status">{t('audit.loading')}</p> : null}
      {query.isError ? (
        <p role="alert">
          {query.error instanceof NetworkError
            ? t('audit.offline')
            : t('audit.error', { message: query.error.message })}
        </p>
      ) : null}
      {query.isSuccess && events.length === 0 ? <p>{t('audit.empty')}</p> : null}
      {events.length > 0 ? (
        <ol className="audit-events">
          {events.map((event) => {
            const described = describeAuditEvent(event, names, t);
            return (
              <li key={event.id} className="audit-event">
                <p className="audit-title">{described.title}</p>
                <Meta event={event} names={names} {...(deviceHref ? { deviceHref } : {})} />
                {described.changes.length > 0 ? (
                  <ul className="audit-changes">
                    {described.changes.map((line, i) => (
                      <li key={i}>{line}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      {query.hasNextPage ? (
        <button type="button" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? t('audit.loading') : t('audit.older')}
        </button>
      ) : null}
    </section>
  );
}
