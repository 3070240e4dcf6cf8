import {
  LATE_FORM_MINUTES,
  LONG_NOTES_CHARS,
  STALE_DEVICE_DAYS,
  type DriftReport,
  type ExampleJob,
  type FieldSignal,
  type SendBackRow,
} from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError, NetworkError } from '../../app/api.ts';
import { formatDay, formatNumber, useT } from '../../i18n/index.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { BarChart } from '../../ui/bar-chart.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { MultiSelect } from '../../ui/multi-select.tsx';
import { useDriftReport } from './drift-api.ts';
import './drift.css';

const PERIODS = [30, 90, 365] as const;
const DAY_MS = 86_400_000;

const percent = (part: number, of: number) => (of > 0 ? Math.round((part / of) * 100) : 0);
/** yyyy-mm-dd of an instant in the device's zone, for the jobs table's day filters. */
const localDay = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** A figure's jobs in the office's jobs table: the same period and the figure's own filter. */
function jobsLink(report: DriftReport, filter: Record<string, string>): string {
  const params = new URLSearchParams({ ...filter, fromDay: localDay(report.from), toDay: localDay(report.to) });
  return `/?${params.toString()}`;
}

/**
 * The drift dashboard (R11): where work is slipping back to chat groups and paper. Each signal
 * is a chart people would rather look at than read, the same numbers as a table, and links to
 * the jobs behind them.
 */
export function DriftScreen() {
  const t = useT();
  const db = useAppDb();
  const headingId = useId();
  const [days, setDays] = useState<(typeof PERIODS)[number]>(90);
  const [teamId, setTeamId] = useState<string[]>([]);
  const [jobTypeId, setJobTypeId] = useState<string[]>([]);
  const [assigneeId, setAssigneeId] = useState<string[]>([]);
  // The period ends at the start of tomorrow, so the figures do not move while the screen is open.
  const [now] = useState(() => {
    const d = new Date();
    return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
  });
  const refs = useLiveQuery(async () => ({
    teams: await db.teams.toArray(),
    jobTypes: await db.jobTypes.toArray(),
    people: (await db.users.toArray()).filter((u) => u.role === 'technician' || u.role === 'lead'),
  }));
  const options = (rows: { id: string; name: string }[] | undefined) =>
    [...(rows ?? [])].sort((a, b) => a.name.localeCompare(b.name)).map((r) => ({ value: r.id, label: r.name }));
  const query = useDriftReport({
    from: new Date(now - days * DAY_MS).toISOString(),
    to: new Date(now).toISOString(),
    ...(teamId.length ? { teamId } : {}),
    ...(jobTypeId.length ? { jobTypeId } : {}),
    ...(assigneeId.length ? { assigneeId } : {}),
  });

  function body(report: DriftReport) {
    return (
      <>
        <SendBack report={report} />
        <Fields
          title={t('drift.commented.title')}
          intro={t('drift.commented.intro')}
          empty={t('drift.commented.empty')}
          signals={report.sendBack.commentedFields}
          rate={false}
        />
        <Fields
          title={t('drift.skipped.title')}
          intro={t('drift.skipped.intro')}
          empty={t('drift.skipped.empty')}
          signals={report.skippedFields}
          rate
        />
        <Notes report={report} />
        <Examples
          title={t('drift.photos.title')}
          summary={t('drift.photos.summary', {
            count: report.noPhotos.withoutPhoto,
            done: report.noPhotos.done,
            percent: percent(report.noPhotos.withoutPhoto, report.noPhotos.done),
          })}
          jobs={report.noPhotos.examples}
          figure={() => null}
        />
        <Examples
          title={t('drift.late.title')}
          summary={t('drift.late.summary', {
            count: report.lateForms.late,
            forms: report.lateForms.forms,
            hours: LATE_FORM_MINUTES / 60,
          })}
          extra={
            report.lateForms.medianMinutes !== null
              ? t('drift.late.median', { minutes: report.lateForms.medianMinutes })
              : null
          }
          jobs={report.lateForms.examples}
          figure={(job) => t('drift.late.after', { minutes: job.figure })}
        />
        <Devices report={report} />
        <Items report={report} />
      </>
    );
  }

  function content() {
    if (query.error) {
      if (query.error instanceof NetworkError) return <p className="notice notice--info">{t('drift.offline')}</p>;
      const message = query.error instanceof ApiError ? query.error.message : String(query.error);
      return (
        <p className="form-error" role="alert">
          {message}
        </p>
      );
    }
    if (!query.data) return <p className="home__loading">{t('drift.loading')}</p>;
    return body(query.data);
  }

  return (
    <section className="drift office--wide" aria-labelledby={headingId}>
      <div className="home__heading">
        <h1 id={headingId}>{t('drift.title')}</h1>
        <p className="home__meta" aria-live="polite">
          {query.data && t('drift.jobs', { count: query.data.jobs })}
        </p>
      </div>
      <p className="drift__intro">{t('drift.intro')}</p>
      <form className="drift__filters" aria-label={t('drift.filters')} onSubmit={(e) => e.preventDefault()}>
        <label className="drift__period">
          {t('drift.period')}{' '}
          <select value={days} onChange={(e) => setDays(PERIODS.find((p) => p === Number(e.target.value)) ?? 90)}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t('drift.lastDays', { count: p })}
              </option>
            ))}
          </select>
        </label>
        <MultiSelect label={t('drift.team')} options={options(refs?.teams)} selected={teamId} onChange={setTeamId} />
        <MultiSelect
          label={t('drift.jobType')}
          options={options(refs?.jobTypes)}
          selected={jobTypeId}
          onChange={setJobTypeId}
        />
        <MultiSelect
          label={t('drift.technician')}
          options={options(refs?.people)}
          selected={assigneeId}
          onChange={setAssigneeId}
        />
      </form>
      {content()}
    </section>
  );
}

function Signal({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="drift__signal" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function SendBack({ report }: { report: DriftReport }) {
  const t = useT();
  const { reviewed, sentBack } = report.sendBack;
  const groups: { title: string; rows: SendBackRow[]; filter: string }[] = [
    { title: t('drift.sendBack.byTechnician'), rows: report.sendBack.byTechnician, filter: 'assigneeId' },
    { title: t('drift.sendBack.byJobType'), rows: report.sendBack.byJobType, filter: 'jobTypeId' },
    { title: t('drift.sendBack.byTeam'), rows: report.sendBack.byTeam, filter: 'teamId' },
  ];
  return (
    <Signal title={t('drift.sendBack.title')}>
      <p className="drift__figure">
        {t('drift.sendBack.summary', { sentBack, reviewed, percent: percent(sentBack, reviewed) })}
      </p>
      {reviewed === 0 ? (
        <EmptyState>{t('drift.sendBack.empty')}</EmptyState>
      ) : (
        groups.map((g) => (
          <div key={g.filter} className="drift__group">
            <h3>{g.title}</h3>
            <BarChart
              title={g.title}
              max={100}
              rows={g.rows.map((r) => ({
                key: r.id,
                label: r.name,
                value: percent(r.sentBack, r.reviewed),
                shown: `${percent(r.sentBack, r.reviewed)} %`,
              }))}
            />
            <table className="drift__table">
              <thead>
                <tr>
                  <th scope="col">{g.title}</th>
                  <th scope="col">{t('drift.sendBack.reviewed')}</th>
                  <th scope="col">{t('drift.sendBack.sentBack')}</th>
                  <th scope="col">{t('drift.sendBack.rate')}</th>
                </tr>
              </thead>
              <tbody>
                {g.rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={jobsLink(report, { [g.filter]: r.id })}>{r.name}</Link>
                    </th>
                    <td>{formatNumber(r.reviewed)}</td>
                    <td>{formatNumber(r.sentBack)}</td>
                    <td>{percent(r.sentBack, r.reviewed)} %</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))
      )}
    </Signal>
  );
}

function Fields(props: { title: string; intro: string; empty: string; signals: FieldSignal[]; rate: boolean }) {
  const t = useT();
  const { signals, rate } = props;
  const value = (s: FieldSignal) => (rate ? percent(s.count, s.of ?? 0) : s.count);
  return (
    <Signal title={props.title}>
      <p className="drift__intro">{props.intro}</p>
      {signals.length === 0 ? (
        <EmptyState>{props.empty}</EmptyState>
      ) : (
        <>
          <BarChart
            title={props.title}
            {...(rate ? { max: 100 } : {})}
            rows={signals.map((s) => ({
              key: `${s.templateId}:${s.fieldKey}`,
              label: s.fieldLabel,
              value: value(s),
              shown: rate ? `${value(s)} %` : formatNumber(s.count),
            }))}
          />
          <table className="drift__table">
            <thead>
              <tr>
                <th scope="col">{t('drift.field')}</th>
                <th scope="col">{t('drift.form')}</th>
                <th scope="col">{rate ? t('drift.skipped.count') : t('drift.commented.count')}</th>
                {rate && <th scope="col">{t('drift.sendBack.rate')}</th>}
              </tr>
            </thead>
            <tbody>
              {signals.map((s) => (
                <tr key={`${s.templateId}:${s.fieldKey}`}>
                  <th scope="row">{s.fieldLabel}</th>
                  <td>{s.templateName}</td>
                  <td>
                    {rate ? t('drift.skipped.ofForms', { count: s.count, of: s.of ?? 0 }) : formatNumber(s.count)}
                  </td>
                  {rate && <td>{value(s)} %</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Signal>
  );
}

function Notes({ report }: { report: DriftReport }) {
  const t = useT();
  return (
    <Signal title={t('drift.notes.title')}>
      <p className="drift__intro">{t('drift.notes.intro', { chars: LONG_NOTES_CHARS })}</p>
      {report.notes.length === 0 ? (
        <EmptyState>{t('drift.notes.empty')}</EmptyState>
      ) : (
        <>
          <BarChart
            title={t('drift.notes.chart')}
            rows={report.notes.map((n) => ({
              key: n.id,
              label: n.name,
              value: n.averageChars,
              shown: t('drift.notes.chars', { count: n.averageChars }),
            }))}
          />
          <table className="drift__table">
            <thead>
              <tr>
                <th scope="col">{t('drift.jobType')}</th>
                <th scope="col">{t('drift.notes.jobs')}</th>
                <th scope="col">{t('drift.notes.withNotes')}</th>
                <th scope="col">{t('drift.notes.average')}</th>
                <th scope="col">{t('drift.notes.long', { chars: LONG_NOTES_CHARS })}</th>
              </tr>
            </thead>
            <tbody>
              {report.notes.map((n) => (
                <tr key={n.id}>
                  <th scope="row">
                    <Link to={jobsLink(report, { jobTypeId: n.id })}>{n.name}</Link>
                  </th>
                  <td>{formatNumber(n.jobs)}</td>
                  <td>{formatNumber(n.withNotes)}</td>
                  <td>{formatNumber(n.averageChars)}</td>
                  <td>{formatNumber(n.long)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Signal>
  );
}

function Examples(props: {
  title: string;
  summary: string;
  extra?: string | null;
  jobs: ExampleJob[];
  figure: (job: ExampleJob) => string | null;
}) {
  const t = useT();
  return (
    <Signal title={props.title}>
      <p className="drift__figure">
        {props.summary}
        {props.extra && ` ${props.extra}`}
      </p>
      {props.jobs.length > 0 && (
        <>
          <h3>{t('drift.examples', { count: props.jobs.length })}</h3>
          <ul className="drift__jobs">
            {props.jobs.map((job) => {
              const figure = props.figure(job);
              return (
                <li key={job.id}>
                  <Link to={`/jobs/${job.id}`}>
                    {job.number} · {job.title}
                  </Link>
                  {job.assignee && ` · ${job.assignee}`}
                  {figure && ` · ${figure}`}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Signal>
  );
}

function Devices({ report }: { report: DriftReport }) {
  const t = useT();
  return (
    <Signal title={t('drift.devices.title', { days: STALE_DEVICE_DAYS })}>
      {report.staleDevices.length === 0 ? (
        <EmptyState>{t('drift.devices.empty')}</EmptyState>
      ) : (
        <ul className="drift__jobs">
          {report.staleDevices.map((d) => (
            <li key={d.id}>
              {t('drift.devices.row', {
                device: d.name || t('drift.devices.unnamed'),
                person: d.person ?? '—',
                day: formatDay(d.lastSeenAt),
              })}
              {d.pendingCount !== null &&
                d.pendingCount > 0 &&
                d.oldestPendingAt !== null &&
                ` · ${t('drift.devices.pending', { count: d.pendingCount, day: formatDay(d.oldestPendingAt) })}`}
            </li>
          ))}
        </ul>
      )}
    </Signal>
  );
}

function Items({ report }: { report: DriftReport }) {
  const t = useT();
  return (
    <Signal title={t('drift.items.title')}>
      {report.overdueItems.length === 0 ? (
        <EmptyState>{t('drift.items.empty')}</EmptyState>
      ) : (
        <table className="drift__table">
          <thead>
            <tr>
              <th scope="col">{t('drift.team')}</th>
              <th scope="col">{t('drift.items.overdue')}</th>
              <th scope="col">{t('drift.items.oldest')}</th>
            </tr>
          </thead>
          <tbody>
            {report.overdueItems.map((i) => (
              <tr key={i.teamId ?? 'none'}>
                <th scope="row">{i.team ?? t('drift.items.noTeam')}</th>
                <td>{formatNumber(i.overdue)}</td>
                <td>{formatDay(`${i.oldestDue}T12:00:00`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Signal>
  );
}
