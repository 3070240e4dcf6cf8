import type { SessionInfo } from '@lastmile/domain';
import { useEffect, useId, useRef, useState } from 'react';
import { priorityKey, useT } from '../../i18n/index.ts';
import type { AppDb } from '../../local-db/app-db.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { useOnline, useSync } from '../../sync/sync-context.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { Link } from 'react-router';
import { isOverdue } from '../../jobs/today-groups.ts';
import type { JobView } from '../../jobs/job-queries.ts';
import { jobActions, mapsUrl, telUrl, type JobAction } from './job-actions.ts';
import { JobPhotos } from './job-photos.tsx';
import { JobThread } from './job-thread.tsx';
import { refusalMessage } from '../../sync/refusal.ts';
import { SiteItems } from './site-items.tsx';
import { useJobView } from '../../jobs/use-job.ts';
import { ReportLink } from '../../jobs/report-link.tsx';
import { SendBackNotice } from '../../jobs/review-notes.tsx';
import { jobSource } from '../../jobs/job-source.ts';
import { useServerJob } from '../../jobs/use-server-job.ts';
import { BackLink } from './back-link.tsx';
import { ServerJob } from './server-job.tsx';
import { JobWhen } from './job-when.tsx';

/** Once the work is done there is something to report; before, a report would be an empty form. */
const REPORTABLE = new Set(['completed', 'submitted', 'approved', 'sent_back']);

export function JobScreen({ session, jobId }: { session: SessionInfo; jobId: string }) {
  const t = useT();
  const db = useAppDb();
  const view = useJobView(db, jobId);
  const online = useOnline();
  // Not on this device (ADR 0041): the server's copy, asked for only once IndexedDB said so.
  const server = useServerJob(jobId, view === null && online);
  const source = jobSource(
    view === undefined ? 'loading' : view === null ? 'absent' : 'present',
    online,
    server.status === 'error' ? { status: 'error', error: server.error } : { status: server.status },
  );

  switch (source) {
    case 'loading':
      return <p className="home__loading">{t('job.loading')}</p>;
    case 'local':
      return view ? <JobDetail session={session} view={view} /> : null;
    case 'fetching':
      return (
        <p className="home__loading" role="status">
          {t('job.server.fetching')}
        </p>
      );
    case 'server':
      return server.data ? <ServerJob report={server.data} online={online} /> : null;
    case 'notFound':
      return <JobMissing title={t('job.notFoundTitle')} text={t('job.server.notFound')} />;
    case 'offline':
    case 'failed':
      return (
        <JobMissing
          title={t('job.notFoundTitle')}
          text={t(source === 'offline' ? 'job.server.offline' : 'job.server.failed')}
          retry={() => void server.refetch()}
        />
      );
  }
}

/** The job cannot be shown: why, and (when a later try may work) a way to try again. */
function JobMissing({ title, text, retry }: { title: string; text: string; retry?: () => void }) {
  const t = useT();
  const headingId = useId();
  return (
    <section className="job" aria-labelledby={headingId}>
      <BackLink />
      <h1 id={headingId}>{title}</h1>
      <EmptyState>{text}</EmptyState>
      {retry && (
        <button type="button" className="button button--ghost job__retry" onClick={retry}>
          {t('job.server.retry')}
        </button>
      )}
    </section>
  );
}

function JobDetail({ session, view }: { session: SessionInfo; view: JobView }) {
  const t = useT();
  const db = useAppDb();
  const { job, customer, site, jobType, assignee } = view;
  const overdue = isOverdue(job, new Date());
  const headingId = useId();
  const online = useOnline();
  return (
    <article className="job" aria-labelledby={headingId}>
      <BackLink />
      <header className="job__header">
        <p className="job__number">{t('job.number', { number: job.number })}</p>
        <h1 id={headingId}>{customer?.name ?? t('job.unknownCustomer')}</h1>
        {job.title && <p className="job__title">{job.title}</p>}
        <div className="job__chips">
          <StatusBadge status={job.status} />
          <span className={job.priority === 'high' || job.priority === 'urgent' ? 'chip chip--flag' : 'chip'}>
            {t(priorityKey(job.priority))}
          </span>
          {overdue && <span className="chip chip--danger">{t('job.overdue')}</span>}
        </div>
        {job.statusReason && (job.status === 'paused' || job.status === 'sent_back' || job.status === 'cancelled') && (
          <p className={job.status === 'sent_back' ? 'job__reason job__reason--warn' : 'job__reason'}>
            {t('job.statusReason', { reason: job.statusReason })}
          </p>
        )}
        {job.status === 'sent_back' && <SendBackNotice db={db} jobId={job.id} />}
        {job.status === 'submitted' && session.user.role !== 'technician' && (
          <Link to={`/review/jobs/${job.id}`}>{t('review.openReview')}</Link>
        )}
      </header>

      <JobActionsPanel session={session} view={view} />

      <dl className="job__facts">
        <JobWhen start={job.scheduledStart} end={job.scheduledEnd} />
        <div>
          <dt>{t('job.type')}</dt>
          <dd>{jobType?.name ?? t('job.unknownType')}</dd>
        </div>
        <div>
          <dt>{t('job.customer')}</dt>
          <dd>
            {customer?.name ?? t('job.unknownCustomer')}
            {customer?.phone ? (
              <a className="button button--ghost job__link-button" href={telUrl(customer.phone)}>
                {t('job.call')}
                <span className="job__link-detail">{customer.phone}</span>
              </a>
            ) : (
              <span className="job__muted"> · {t('job.noPhone')}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('job.site')}</dt>
          <dd>
            {site ? (
              <>
                {site.name && <span className="job__site-name">{site.name}</span>}
                <span>{site.address}</span>
                <a
                  className="button button--ghost job__link-button"
                  href={mapsUrl(site)}
                  target="_blank"
                  rel="noreferrer"
                >
                  {t('job.openMaps')}
                </a>
              </>
            ) : (
              t('job.unknownSite')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('job.accessNotes')}</dt>
          <dd className="job__pre">{site?.accessNotes || t('job.noAccessNotes')}</dd>
        </div>
        <div>
          <dt>{t('job.assignedTo')}</dt>
          <dd>{job.assigneeId ? (assignee?.name ?? t('home.lead.unknownTechnician')) : t('job.unassigned')}</dd>
        </div>
      </dl>

      {job.handoffNote && (
        <section className="job__handoff" aria-labelledby={`${headingId}-handoff`}>
          <h2 id={`${headingId}-handoff`}>{t('job.handoff')}</h2>
          <p className="job__pre">{job.handoffNote}</p>
        </section>
      )}

      {jobType?.templateId && (
        <Link className="button button--primary job__big job__form-link" to={`/jobs/${job.id}/form`}>
          {t('forms.open')}
        </Link>
      )}
      {REPORTABLE.has(job.status) && <ReportLink jobId={job.id} online={online} className="job__report" />}
      <NotesEditor jobId={job.id} notes={job.notes} />
      <JobPhotos session={session} job={job} />
      <SiteItems session={session} job={job} />
      <JobThread session={session} jobId={job.id} />
    </article>
  );
}

function JobActionsPanel({ session, view }: { session: SessionInfo; view: JobView }) {
  const t = useT();
  const sync = useSync();
  const { job } = view;
  const [asking, setAsking] = useState<JobAction | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const db = useAppDb();
  const actions = jobActions(job.status, session.user.role);

  useEffect(() => {
    if (asking) reasonRef.current?.focus();
  }, [asking]);

  async function run(action: JobAction, withReason?: string) {
    setError(null);
    // The server refuses a job without its submitted form; say so here, before it is queued.
    if (action.to === 'submitted' && (await formBlocksSubmit(db, view))) {
      setError(t('job.submitFormFirst'));
      return;
    }
    try {
      await sync.mutate('transitionJob', {
        jobId: job.id,
        to: action.to,
        ...(withReason ? { reason: withReason.trim() } : {}),
      });
      setAsking(null);
      setReason('');
    } catch (e) {
      setError(refusalMessage(e, t('job.error.unexpected')));
    }
  }

  if (actions.length === 0) {
    return <p className="job__done">{t('job.noActions')}</p>;
  }
  return (
    <section className="job__actions" aria-label={t('job.nextStep')}>
      {asking ? (
        <form
          className="job__reason-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!reason.trim()) {
              setError(t('job.reasonRequired'));
              return;
            }
            void run(asking, reason);
          }}
        >
          <div className="field">
            <label htmlFor="job-reason">{t(asking.reasonLabel ?? 'job.reason')}</label>
            <textarea
              id="job-reason"
              ref={reasonRef}
              rows={3}
              value={reason}
              maxLength={500}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
          <div className="job__buttons">
            <button type="submit" className="button button--primary job__big">
              {t(asking.confirmLabel ?? 'job.confirm')}
            </button>
            <button
              type="button"
              className="button button--ghost"
              onClick={() => {
                setAsking(null);
                setReason('');
                setError(null);
              }}
            >
              {t('job.reasonCancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="job__buttons">
          {actions.map((action) => (
            <button
              key={action.to}
              type="button"
              className={action.secondary ? 'button button--ghost' : 'button button--primary job__big'}
              onClick={() => (action.needsReason ? setAsking(action) : void run(action))}
            >
              {t(action.label)}
            </button>
          ))}
        </div>
      )}
      <p className="form-error" role="alert">
        {error ?? ''}
      </p>
    </section>
  );
}

function NotesEditor({ jobId, notes }: { jobId: string; notes: string }) {
  const t = useT();
  const sync = useSync();
  const [draft, setDraft] = useState(notes);
  const [error, setError] = useState<string | null>(null);
  const saved = useRef(notes);
  const focused = useRef(false);

  // Take in changes from sync (another person, or a rebase) unless the person is typing.
  useEffect(() => {
    if (!focused.current) {
      setDraft(notes);
      saved.current = notes;
    }
  }, [notes]);

  // Every keystroke is saved at once (R4: nothing typed is lost to a reload, a crash or a
  // dead battery); local writes take a few milliseconds and the pushes are batched.
  async function save(value: string) {
    if (value === saved.current) return;
    // The text this edit started from: if someone else changed the notes meanwhile, the server
    // merges both edits instead of replacing theirs.
    const baseNotes = saved.current;
    saved.current = value;
    try {
      await sync.mutate('updateJobNotes', { jobId, notes: value, baseNotes });
      setError(null);
    } catch (e) {
      setError(refusalMessage(e, t('job.error.unexpected')));
    }
  }

  return (
    <section className="job__notes">
      <div className="field">
        <label htmlFor="job-notes">{t('job.notes')}</label>
        <textarea
          id="job-notes"
          rows={5}
          value={draft}
          maxLength={10_000}
          aria-describedby="job-notes-hint"
          onFocus={() => {
            focused.current = true;
          }}
          onChange={(event) => {
            setDraft(event.target.value);
            void save(event.target.value);
          }}
          onBlur={() => {
            focused.current = false;
          }}
        />
        <p id="job-notes-hint" className="job__muted">
          {t('job.notesHint')}
        </p>
      </div>
      <p className="form-error" role="alert">
        {error ?? ''}
      </p>
    </section>
  );
}

/** True while the job's form is missing or still a draft (its type uses a form). */
async function formBlocksSubmit(db: AppDb, view: JobView): Promise<boolean> {
  const responses = await db.formResponses.where('jobId').equals(view.job.id).toArray();
  if (responses.some((r) => r.status !== 'submitted')) return true;
  return Boolean(view.jobType?.templateId) && responses.length === 0;
}
