import type { JobRow, SessionInfo, UserRow } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, useSyncExternalStore, type DragEvent } from 'react';
import { Link } from 'react-router';
import { formatDay, formatTime, useT } from '../../i18n/index.ts';
import type { AppDb } from '../../local-db/app-db.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { useSync } from '../../sync/sync-context.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { HomeSection } from '../../jobs/home-heading.tsx';
import type { DayRange, JobView } from '../../jobs/job-queries.ts';
import { loadJobViews } from '../../jobs/load-job-views.ts';
import { useToday } from '../../jobs/use-day-jobs.ts';
import { ItemsLink } from '../../items/items-link.tsx';
import { useUnreadByJob } from '../../inbox/inbox-link.tsx';
import { refusalMessage } from '../../sync/refusal.ts';
import { isOverdue } from '../../jobs/today-groups.ts';
import { AssignDialog, type AssignRequest } from './assign-dialog.tsx';
import { MoveDialog } from './move-dialog.tsx';
import { boardDays, boardLoad, buildBoard, hours, rescheduleToDay } from './board-queries.ts';
import './board.css';

const DESKTOP_DAYS = 5;
const DRAG_TYPE = 'application/x-lastmile-job';

function useWideScreen(): boolean {
  const query = '(min-width: 900px)';
  return useSyncExternalStore(
    (notify) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    () => window.matchMedia(query).matches,
  );
}

type BoardData = { views: JobView[]; members: UserRow[] };

/** The team's jobs over the shown days, and the team's field people. */
function useBoardData(db: AppDb, teamId: string, range: DayRange): BoardData | undefined {
  return useLiveQuery(async () => {
    const [jobs, members] = await Promise.all([
      db.jobs
        .where('[teamId+scheduledStart]')
        .between(
          [teamId, new Date(range.start.getTime() - 86_400_000).toISOString()],
          [teamId, range.end.toISOString()],
        )
        .toArray(),
      db.users.where('teamId').equals(teamId).toArray(),
    ]);
    return {
      views: await loadJobViews(db, jobs),
      members: members.filter((u) => u.active && (u.role === 'technician' || u.role === 'lead')),
    };
  }, [db, teamId, range.start.getTime(), range.end.getTime()]);
}

export function LeadBoard({ session }: { session: SessionInfo }) {
  const t = useT();
  const teamId = session.user.teamId;
  if (teamId === null) {
    return (
      <HomeSection titleKey="home.lead.title" count={undefined}>
        <EmptyState>{t('home.empty.noTeam')}</EmptyState>
      </HomeSection>
    );
  }
  return <TeamBoard teamId={teamId} session={session} />;
}

function TeamBoard({ teamId, session }: { teamId: string; session: SessionInfo }) {
  const t = useT();
  const db = useAppDb();
  const sync = useSync();
  const today = useToday();
  const wide = useWideScreen();
  const [offset, setOffset] = useState(0);
  const [request, setRequest] = useState<AssignRequest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [moving, setMoving] = useState<JobView | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const first = boardDays(today, offset + 1)[offset]!;
  const days = boardDays(first, wide ? DESKTOP_DAYS : 1);
  const range = { start: days[0]!.start, end: days[days.length - 1]!.end };
  const data = useBoardData(db, teamId, range);
  const unreadByJob = useUnreadByJob();
  const board = data ? buildBoard(data.views, data.members, days, days[0]!) : undefined;
  const firstDayLoad = data
    ? boardLoad(
        data.views.map((v) => v.job),
        days[0]!,
      )
    : new Map<string, { count: number; minutes: number }>();
  const todayCount = data?.views.filter((v) => isOnDay(v.job, today)).length;

  function openAssign(view: JobView, targetId: string | null = null) {
    setError(null);
    setRequest({ view, expectedAssigneeId: view.job.assigneeId, targetId });
  }

  async function drop(event: DragEvent, targetId: string | null, day?: DayRange) {
    event.preventDefault();
    event.stopPropagation();
    setDragging(null);
    const jobId = event.dataTransfer.getData(DRAG_TYPE);
    const view = data?.views.find((v) => v.job.id === jobId);
    if (!view) return;
    // Dropped on another day's column: the job moves to that day, same time of day.
    const moved = day ? rescheduleToDay(view.job, day) : null;
    if (moved) {
      try {
        setError(null);
        await sync.mutate('updateJob', { jobId, ...moved });
      } catch (e) {
        setError(refusalMessage(e, t('job.error.unexpected')));
        return;
      }
    }
    if (view.job.assigneeId === targetId) return;
    // Handing over someone's job needs a note; giving out an untouched job from the tray does not.
    if (view.job.assigneeId === null && targetId !== null) {
      try {
        setError(null);
        await sync.mutate('assignJob', { jobId, expectedAssigneeId: null, assigneeId: targetId, handoffNote: '' });
      } catch (e) {
        setError(refusalMessage(e, t('job.error.unexpected')));
      }
      return;
    }
    openAssign(view, targetId ?? '');
  }

  const dropProps = (targetId: string | null, day?: DayRange) => ({
    onDragOver: (event: DragEvent) => {
      if (event.dataTransfer.types.includes(DRAG_TYPE)) event.preventDefault();
    },
    onDrop: (event: DragEvent) => void drop(event, targetId, day),
    'data-drop-target': dragging ? 'true' : undefined,
  });

  const chip = (view: JobView, compact: boolean) => (
    <BoardJob
      key={view.job.id}
      view={view}
      compact={compact}
      unread={unreadByJob.get(view.job.id) ?? 0}
      onAssign={() => openAssign(view)}
      onMove={() => {
        setError(null);
        setAnnouncement('');
        setMoving(view);
      }}
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, view.job.id);
        event.dataTransfer.effectAllowed = 'move';
        setDragging(view.job.id);
      }}
      onDragEnd={() => setDragging(null)}
    />
  );

  return (
    <HomeSection titleKey="home.lead.title" count={todayCount} day={today.start}>
      <ItemsLink session={session} />
      <div className="board__nav">
        <button
          type="button"
          className="button button--ghost"
          onClick={() => setOffset(offset - (wide ? DESKTOP_DAYS : 1))}
        >
          {t(wide ? 'board.earlier' : 'board.previousDay')}
        </button>
        <p className="board__range" aria-live="polite">
          {wide
            ? t('board.range', {
                from: formatDay(range.start.toISOString()),
                to: formatDay(days[days.length - 1]!.start.toISOString()),
              })
            : formatDay(range.start.toISOString())}
        </p>
        <button
          type="button"
          className="button button--ghost"
          onClick={() => setOffset(offset + (wide ? DESKTOP_DAYS : 1))}
        >
          {t(wide ? 'board.later' : 'board.nextDay')}
        </button>
        {offset !== 0 && (
          <button type="button" className="button button--ghost" onClick={() => setOffset(0)}>
            {t('board.backToToday')}
          </button>
        )}
      </div>
      {wide && <p className="job__muted board__hint">{t('board.dragHint')}</p>}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <p className="form-error" role="alert">
        {error ?? ''}
      </p>

      {board === undefined ? (
        <p className="home__loading">{t('home.loading')}</p>
      ) : (
        <>
          <section className="board__tray" aria-labelledby="board-tray-title" {...dropProps(null)}>
            <h2 id="board-tray-title" className="home__group-title home__group-title--warn">
              {t('board.tray')}{' '}
              <span className="home__group-count">{t('home.jobCount', { count: board.tray.length })}</span>
            </h2>
            {board.tray.length === 0 ? (
              <p className="job__muted">{t('board.trayEmpty')}</p>
            ) : (
              <ul className="board__chips">
                {board.tray.map((v) => (
                  <li key={v.job.id}>{chip(v, wide)}</li>
                ))}
              </ul>
            )}
          </section>

          {board.rows.length === 0 ? (
            <EmptyState>{t('board.noMembers')}</EmptyState>
          ) : wide ? (
            <div className="board__scroll">
              <table className="board__table">
                <caption className="visually-hidden">{t('board.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('board.technician')}</th>
                    {days.map((day) => (
                      <th scope="col" key={day.start.getTime()}>
                        {formatDay(day.start.toISOString())}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {board.rows.map((row) => (
                    <tr key={row.member.id} {...dropProps(row.member.id)}>
                      <th scope="row" className="board__person">
                        <span className="board__name">{row.member.name}</span>
                        <span className="board__load">
                          {t('board.load', { count: row.load.count, hours: hours(row.load.minutes) })}
                        </span>
                      </th>
                      {row.cells.map((cell, i) => (
                        <td key={days[i]!.start.getTime()} {...dropProps(row.member.id, days[i])}>
                          <ul className="board__chips">
                            {cell.map((v) => (
                              <li key={v.job.id}>{chip(v, true)}</li>
                            ))}
                          </ul>
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            board.rows.map((row) => (
              <section
                key={row.member.id}
                className="home__group board__member"
                aria-labelledby={`board-${row.member.id}`}
              >
                <h2 id={`board-${row.member.id}`} className="home__group-title">
                  {row.member.name}
                  <span className="home__group-count">
                    {t('board.load', { count: row.load.count, hours: hours(row.load.minutes) })}
                  </span>
                </h2>
                {row.cells[0]!.length === 0 ? (
                  <p className="job__muted">{t('board.free')}</p>
                ) : (
                  <ul className="board__chips">
                    {row.cells[0]!.map((v) => (
                      <li key={v.job.id}>{chip(v, false)}</li>
                    ))}
                  </ul>
                )}
              </section>
            ))
          )}
        </>
      )}
      {request && data && (
        <AssignDialog request={request} members={data.members} load={firstDayLoad} onClose={() => setRequest(null)} />
      )}
      {moving && <MoveDialog view={moving} onClose={() => setMoving(null)} onMoved={setAnnouncement} />}
    </HomeSection>
  );
}

function isOnDay(job: JobRow, day: DayRange): boolean {
  const start = Date.parse(job.scheduledStart);
  return start >= day.start.getTime() && start < day.end.getTime();
}

type JobProps = {
  view: JobView;
  compact: boolean;
  /** The lead's unread notifications about this job (a message, a mention, a send back). */
  unread: number;
  onAssign: () => void;
  onMove: () => void;
  onDragStart: (event: DragEvent) => void;
  onDragEnd: () => void;
};

/** A job on the board: draggable on desktop; Assign/Reassign and Move to… are the tap and keyboard ways. */
function BoardJob({ view, compact, unread, onAssign, onMove, onDragStart, onDragEnd }: JobProps) {
  const t = useT();
  const { job } = view;
  const href = `/jobs/${job.id}`;
  const overdue = isOverdue(job, new Date());
  const titleId = `board-job-${job.id}`;
  const movable =
    job.status === 'scheduled' || job.status === 'in_progress' || job.status === 'paused' || job.status === 'sent_back';
  return (
    <article
      className={`board-job board-job--${job.priority}${overdue || job.status === 'sent_back' ? ' board-job--attention' : ''}${compact ? ' board-job--compact' : ''}`}
      aria-labelledby={titleId}
      data-board-job={job.id}
      draggable={movable}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
    >
      <p className="board-job__when">
        <time dateTime={job.scheduledStart}>
          {t('job.window', { start: formatTime(job.scheduledStart), end: formatTime(job.scheduledEnd) })}
        </time>
        <StatusBadge status={job.status} />
      </p>
      <h3 id={titleId} className="board-job__title">
        <Link to={href}>{view.customer?.name ?? t('job.unknownCustomer')}</Link>
      </h3>
      {!compact && <p className="board-job__address">{view.site?.address ?? t('job.unknownSite')}</p>}
      <p className="board-job__meta">
        {t('job.number', { number: job.number })}
        {overdue && <span className="chip chip--danger">{t('job.overdue')}</span>}
        {unread > 0 && <span className="chip chip--flag">{t('inbox.jobUnread', { count: unread })}</span>}
      </p>
      {movable && (
        <p className="board-job__actions">
          <button
            type="button"
            className="button button--ghost board-job__assign"
            aria-describedby={titleId}
            onClick={onAssign}
          >
            {job.assigneeId ? t('board.reassign') : t('board.assign')}
          </button>
          <button
            type="button"
            className="button button--ghost board-job__move"
            aria-describedby={titleId}
            onClick={onMove}
          >
            {t('board.move.open')}
          </button>
        </p>
      )}
    </article>
  );
}
