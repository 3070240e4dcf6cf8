import type { JobReport, ReportAnswer, ReportForm, ReportLeafAnswer } from '@lastmile/domain';
import { useId } from 'react';
import { formatDay, formatTime, priorityKey, useT } from '../../i18n/index.ts';
import { ReportLink } from '../../jobs/report-link.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { answerWords } from './server-answer-words.ts';
import { BackLink } from './back-link.tsx';
import '../../attachments/photos.css';
import './server-job.css';
import { JobWhen } from './job-when.tsx';
import { ServerThread } from './server-thread.tsx';

const CLOSED = new Set(['approved', 'cancelled']);

const when = (iso: string) => `${formatDay(iso)} ${formatTime(iso)}`;

/**
 * A job that is not on this device, as the server's report holds it (ADR 0041): the facts, the
 * forms with their answers, photos, items, review decisions, the PDF link, and its thread. Read only: editing
 * goes through sync, which needs the job on the device.
 */
export function ServerJob({ report, online }: { report: JobReport; online: boolean }) {
  const t = useT();
  const headingId = useId();
  const { job } = report;
  return (
    <article className="job" aria-labelledby={headingId}>
      <BackLink />
      <header className="job__header">
        <p className="job__number">{t('job.number', { number: job.number })}</p>
        <h1 id={headingId}>{report.customer.name}</h1>
        {job.title && <p className="job__title">{job.title}</p>}
        <div className="job__chips">
          <StatusBadge status={job.status} />
          <span className={job.priority === 'high' || job.priority === 'urgent' ? 'chip chip--flag' : 'chip'}>
            {t(priorityKey(job.priority))}
          </span>
        </div>
      </header>
      <p className="server-job__notice" role="note">
        {t(CLOSED.has(job.status) ? 'job.server.closedNotice' : 'job.server.notice')}
      </p>

      <dl className="job__facts">
        <JobWhen start={job.scheduledStart} end={job.scheduledEnd} />
        <div>
          <dt>{t('job.type')}</dt>
          <dd>{job.jobType}</dd>
        </div>
        <div>
          <dt>{t('job.customer')}</dt>
          <dd>
            {report.customer.name}
            {report.customer.phone && <span className="job__muted">{report.customer.phone}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('job.site')}</dt>
          <dd>
            {report.site.name && <span className="job__site-name">{report.site.name}</span>}
            <span>{report.site.address}</span>
          </dd>
        </div>
        <div>
          <dt>{t('job.server.technician')}</dt>
          <dd>{report.technician ?? t('job.unassigned')}</dd>
        </div>
        {job.team && (
          <div>
            <dt>{t('job.server.team')}</dt>
            <dd>{job.team}</dd>
          </div>
        )}
        <div>
          <dt>{t('job.server.notes')}</dt>
          <dd className="job__pre">{job.notes || t('job.server.noNotes')}</dd>
        </div>
      </dl>

      <ReportLink jobId={job.id} online={online} className="job__report" />
      <Forms forms={report.forms} />
      <Photos report={report} />
      {report.items.length > 0 && <Items report={report} />}
      <Reviews report={report} />
      <ServerThread jobId={job.id} />
    </article>
  );
}

function Forms({ forms }: { forms: ReportForm[] }) {
  const t = useT();
  const headingId = useId();
  return (
    <section className="server-job__section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('job.server.forms')}</h2>
      {forms.length === 0 && <p className="job__muted">{t('job.server.noForms')}</p>}
      {forms.map((form) => (
        <section key={form.responseId} className="server-job__form" aria-labelledby={`${headingId}-${form.responseId}`}>
          <h3 id={`${headingId}-${form.responseId}`}>
            {t('job.server.formName', { name: form.templateName, version: form.templateVersion })}
          </h3>
          <p className="job__muted">
            {form.status === 'submitted' && form.submittedAt
              ? t('job.server.submitted', {
                  name: form.submittedBy ?? t('job.server.someone'),
                  when: when(form.submittedAt),
                })
              : t('job.server.draft')}
          </p>
          {form.sections.map((section) => (
            <div key={section.key} className="server-job__form-section">
              <h4>{section.title}</h4>
              <dl className="server-job__answers">
                {section.answers.map((answer) => (
                  <Answer key={answer.key} answer={answer} />
                ))}
              </dl>
            </div>
          ))}
        </section>
      ))}
    </section>
  );
}

function Answer({ answer }: { answer: ReportAnswer }) {
  const t = useT();
  if (answer.type !== 'group') return <LeafAnswer answer={answer} />;
  return (
    <div>
      <dt>{answer.label}</dt>
      <dd>
        {answer.entries.length === 0 ? (
          t('job.server.unanswered')
        ) : (
          <ol className="server-job__entries">
            {answer.entries.map((entry, index) => (
              <li key={index}>
                <span className="job__muted">{t('job.server.entry', { number: index + 1 })}</span>
                <dl className="server-job__answers">
                  {entry.map((child) => (
                    <LeafAnswer key={child.key} answer={child} />
                  ))}
                </dl>
              </li>
            ))}
          </ol>
        )}
      </dd>
    </div>
  );
}

function LeafAnswer({ answer }: { answer: ReportLeafAnswer }) {
  const t = useT();
  const words = answerWords(answer);
  return (
    <div>
      <dt>{answer.label}</dt>
      <dd>
        <span className={answer.outcome === 'fail' || answer.outOfRange ? 'server-job__flag' : undefined}>
          {words.key ? t(words.key, words.params) : words.text}
        </span>
        {answer.outOfRange && <span className="job__muted"> ({t('job.server.outOfRange')})</span>}
        {answer.attachmentIds.length > 0 && (
          <span className="server-job__answer-photos">
            {answer.attachmentIds.map((id, index) => (
              <img
                key={id}
                src={`/api/attachments/${id}/thumbnail`}
                alt={`${answer.label} ${index + 1}`}
                loading="lazy"
                decoding="async"
              />
            ))}
          </span>
        )}
      </dd>
    </div>
  );
}

function Photos({ report }: { report: JobReport }) {
  const t = useT();
  const headingId = useId();
  return (
    <section className="server-job__section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('job.server.photos')}</h2>
      {report.photos.length === 0 ? (
        <p className="job__muted">{t('job.server.noPhotos')}</p>
      ) : (
        <ul className="photo-gallery">
          {report.photos.map((photo, index) => {
            const name = photo.caption || photo.fieldLabel || t('job.server.photo', { number: index + 1 });
            return (
              <li key={photo.id} className="photo-thumb">
                <a className="photo-thumb__open" href={`/api/attachments/${photo.id}`} target="_blank" rel="noreferrer">
                  <img src={`/api/attachments/${photo.id}/thumbnail`} alt={name} loading="lazy" decoding="async" />
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Items({ report }: { report: JobReport }) {
  const t = useT();
  const headingId = useId();
  return (
    <section className="server-job__section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('job.server.items')}</h2>
      <ul>
        {report.items.map((item) => (
          <li key={item.id}>
            <strong>{item.title}</strong> · {t(priorityKey(item.priority))}
            {item.description && <p className="job__pre job__muted">{item.description}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Reviews({ report }: { report: JobReport }) {
  const t = useT();
  const headingId = useId();
  return (
    <section className="server-job__section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('job.server.reviews')}</h2>
      {report.reviews.length === 0 && <p className="job__muted">{t('job.server.noReviews')}</p>}
      <ol className="server-job__reviews">
        {report.reviews.map((review) => (
          <li key={`${review.round}-${review.stage}`}>
            {t('review.roundSummary', {
              round: review.round,
              decision: t(`review.decision.${review.decision}`),
              stage: t(`review.stage.${review.stage}`),
              name: review.reviewer ?? t('job.server.someone'),
              when: when(review.decidedAt),
            })}
            {review.comment && <p className="job__pre">{review.comment}</p>}
          </li>
        ))}
      </ol>
      {report.approval && (
        <p>
          <strong>
            {t('job.server.approved', {
              name: report.approval.approvedBy ?? t('job.server.someone'),
              when: when(report.approval.approvedAt),
            })}
          </strong>
        </p>
      )}
    </section>
  );
}
