import {
  awaitingStage,
  canReview,
  currentRound,
  newId,
  type FieldComment,
  type ReviewMode,
  type ReviewRoundRow,
  type SessionInfo,
} from '@lastmile/domain';
import { useId, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatDay, formatTime, useT } from '../../i18n/index.ts';
import type { JobView } from '../../jobs/job-queries.ts';
import { changesSinceLastRound, commentKey, commentsByField, useReviewRounds } from '../../jobs/review-rounds.ts';
import { AuditTimeline } from '../../audit/audit-timeline.tsx';
import { ReportLink } from '../../jobs/report-link.tsx';
import { useJobThread, useJobView } from '../../jobs/use-job.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { refusalMessage } from '../../sync/refusal.ts';
import { useOnline, useSync } from '../../sync/sync-context.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { DecisionDialog, type Decision } from './decision-dialog.tsx';
import { ReviewAnswers, type CommentDrafts } from './review-answers.tsx';
import { useReviewSettings } from './review-api.ts';
import { ReviewRounds } from './review-rounds-list.tsx';
import { useReviewData, type ReviewData } from './use-review-data.ts';
import './review.css';

/** The review screen: a submitted job laid out for reading, and the decision on it. */
export function ReviewScreen({ session, jobId }: { session: SessionInfo; jobId: string }) {
  const t = useT();
  const db = useAppDb();
  const view = useJobView(db, jobId);
  const rounds = useReviewRounds(db, jobId);
  const data = useReviewData(db, jobId);
  const mode = useReviewSettings().data?.mode ?? 'office';
  if (view === undefined || rounds === undefined || data === undefined)
    return <p className="home__loading">{t('job.loading')}</p>;
  if (view === null) {
    return (
      <section className="review" aria-labelledby="review-missing">
        <Link className="job__back" to="/review">
          {t('review.back')}
        </Link>
        <h1 id="review-missing">{t('job.notFoundTitle')}</h1>
        <EmptyState>{t('job.notFound')}</EmptyState>
      </section>
    );
  }
  return <ReviewDetail session={session} view={view} rounds={rounds} data={data} mode={mode} />;
}

type DetailProps = {
  session: SessionInfo;
  view: JobView;
  rounds: ReviewRoundRow[];
  data: ReviewData;
  mode: ReviewMode;
};

function ReviewDetail({ session, view, rounds, data, mode }: DetailProps) {
  const t = useT();
  const sync = useSync();
  const online = useOnline();
  const headingId = useId();
  const { job, customer, site, jobType, assignee } = view;
  const db = useAppDb();
  const thread = useJobThread(db, job.id);
  const round = currentRound(rounds);
  const [drafts, setDrafts] = useState<Map<string, FieldComment>>(new Map());
  const [decision, setDecision] = useState<Decision | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const approveRef = useRef<HTMLButtonElement>(null);
  const sendBackRef = useRef<HTMLButtonElement>(null);
  const stage = awaitingStage(mode, rounds);
  const { role } = session.user;
  const mayDecide =
    job.status === 'submitted' &&
    canReview(role, mode) &&
    (role !== 'lead' || (job.teamId === session.user.teamId && stage === 'lead'));
  const answers = useMemo(() => data.forms.flatMap((f) => f.answers), [data.forms]);
  const changes = useMemo(() => changesSinceLastRound(rounds, answers), [rounds, answers]);
  const lastSendBack = rounds.filter((r) => r.round === round - 1 && r.decision === 'sent_back').at(-1) ?? null;
  const asked = useMemo(() => commentsByField(lastSendBack), [lastSendBack]);

  const commentDrafts: CommentDrafts | null = mayDecide
    ? {
        values: new Map([...drafts].map(([k, c]) => [k, c.comment])),
        set: (place, text) =>
          setDrafts((current) => {
            const next = new Map(current);
            if (text === null) next.delete(commentKey(place));
            else next.set(commentKey(place), { ...place, comment: text });
            return next;
          }),
      }
    : null;
  const fieldComments = [...drafts.values()].filter((c) => c.comment.trim());

  async function decide(kind: 'approved' | 'sent_back', comment: string): Promise<string | null> {
    try {
      await sync.mutate('reviewJob', {
        id: newId(),
        jobId: job.id,
        round,
        decision: kind,
        comment,
        fieldComments: kind === 'sent_back' ? fieldComments.map((c) => ({ ...c, comment: c.comment.trim() })) : [],
      });
      setDrafts(new Map());
      return null;
    } catch (e) {
      return refusalMessage(e, t('job.error.unexpected'));
    }
  }

  return (
    <article className="review" aria-labelledby={headingId}>
      <Link className="job__back" to="/review">
        {t('review.back')}
      </Link>
      <header className="job__header">
        <p className="job__number">{t('job.number', { number: job.number })}</p>
        <h1 id={headingId}>{t('review.title', { number: job.number })}</h1>
        <div className="job__chips">
          <StatusBadge status={job.status} />
          <span className="chip">{t('review.round', { round })}</span>
          {job.status === 'submitted' && <span className="chip">{t(`review.awaiting.${stage}`)}</span>}
        </div>
      </header>

      <section className="review-block" aria-labelledby={`${headingId}-details`}>
        <h2 id={`${headingId}-details`}>{t('review.details')}</h2>
        <dl className="review-details">
          <dt>{t('review.customer')}</dt>
          <dd>{customer?.name ?? t('job.unknownCustomer')}</dd>
          <dt>{t('review.site')}</dt>
          <dd>{site?.address ?? '—'}</dd>
          <dt>{t('review.jobType')}</dt>
          <dd>{jobType?.name ?? '—'}</dd>
          <dt>{t('review.technician')}</dt>
          <dd>{assignee?.name ?? t('office.job.unassigned')}</dd>
          <dt>{t('review.scheduled')}</dt>
          <dd>
            {formatDay(job.scheduledStart)} {formatTime(job.scheduledStart)}–{formatTime(job.scheduledEnd)}
          </dd>
          {job.title && (
            <>
              <dt>{t('review.jobTitle')}</dt>
              <dd>{job.title}</dd>
            </>
          )}
          {job.notes && (
            <>
              <dt>{t('review.notes')}</dt>
              <dd className="review-notes">{job.notes}</dd>
            </>
          )}
        </dl>
        <ReportLink jobId={job.id} online={online} />
      </section>

      <section className="review-block" aria-labelledby={`${headingId}-answers`}>
        <h2 id={`${headingId}-answers`}>{t('review.answers')}</h2>
        {changes.size > 0 && (
          <p className="review-changed">{t('review.changedCount', { count: changes.size, round: round - 1 })}</p>
        )}
        {data.forms.length === 0 && <p className="job__muted">{t('review.noForms')}</p>}
        {data.forms.map((form) => (
          <ReviewAnswers
            key={form.response.id}
            db={db}
            form={form}
            people={data.people}
            changes={changes}
            asked={asked}
            previousRound={round - 1}
            drafts={commentDrafts}
          />
        ))}
      </section>

      {mayDecide && (
        <section className="review-block review-decide" aria-labelledby={`${headingId}-decide`}>
          <h2 id={`${headingId}-decide`}>{t('review.decide')}</h2>
          <p className="job__muted">{t('review.decideHint', { count: fieldComments.length })}</p>
          <div className="review-decide__actions">
            <button
              ref={approveRef}
              type="button"
              className="button button--primary"
              onClick={() => {
                opener.current = approveRef.current;
                setDecision({
                  kind: 'approve',
                  next: role === 'lead' && mode === 'lead_then_office' ? 'office' : 'final',
                });
              }}
            >
              {t('review.approve')}
            </button>
            <button
              ref={sendBackRef}
              type="button"
              className="button"
              onClick={() => {
                opener.current = sendBackRef.current;
                setDecision({
                  kind: 'sendBack',
                  fieldComments: fieldComments.length,
                  technician: assignee?.name ?? t('job.unknownPerson'),
                });
              }}
            >
              {t('review.sendBack')}
            </button>
          </div>
        </section>
      )}

      {data.items.length > 0 && (
        <section className="review-block" aria-labelledby={`${headingId}-items`}>
          <h2 id={`${headingId}-items`}>{t('review.items')}</h2>
          <ul className="review-list">
            {data.items.map((item) => (
              <li key={item.id}>
                <strong>{item.title}</strong> · {t(`items.status.${item.status}`)}
                {item.description && <p>{item.description}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="review-block" aria-labelledby={`${headingId}-thread`}>
        <h2 id={`${headingId}-thread`}>{t('review.thread')}</h2>
        {thread && thread.length === 0 && <p className="job__muted">{t('review.noMessages')}</p>}
        <ul className="review-list">
          {thread?.map(({ message, author }) => (
            <li key={message.id}>
              <p className="review-answer__meta">
                {author?.name ?? t('job.unknownPerson')} · {formatDay(message.createdAt)}{' '}
                {formatTime(message.createdAt)}
              </p>
              <p>{message.body}</p>
            </li>
          ))}
        </ul>
      </section>

      <ReviewRounds rounds={rounds} forms={data.forms} people={data.people} />

      {online && <AuditTimeline subject={{ kind: 'job', id: job.id }} heading={t('review.timeline')} />}

      {decision && (
        <DecisionDialog
          decision={decision}
          jobNumber={job.number}
          returnTo={opener}
          onConfirm={(comment) => decide(decision.kind === 'approve' ? 'approved' : 'sent_back', comment)}
          onClose={() => setDecision(null)}
        />
      )}
    </article>
  );
}
