import { isMutatorName, type UserRow, type JobRow } from '@lastmile/domain';
import type { OutboxEntry, RefusedEntry } from '@lastmile/sync/client';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatDay, formatTime, useT } from '../i18n/index.ts';
import type { AppDb } from '../local-db/app-db.ts';
import { TeamRefusals } from './team-refusals.tsx';
import './sync.css';

type Entry = (OutboxEntry & { kind: 'pending' }) | (RefusedEntry & { kind: 'refused' });

function jobIdOf(args: unknown): string | null {
  const id = (args as { jobId?: unknown } | null)?.jobId;
  return typeof id === 'string' ? id : null;
}

/** What is still only on this phone, and what the server refused and why (nothing disappears silently). */
export function ChangesScreen({ db, reviewsTeam }: { db: AppDb; reviewsTeam: boolean }) {
  const t = useT();
  const data = useLiveQuery(async () => {
    const pending = await db._outbox.orderBy('id').toArray();
    const refused = await db._refused.orderBy('id').toArray();
    const entries: Entry[] = [
      ...refused.map((r) => ({ ...r, kind: 'refused' as const })),
      ...pending.map((p) => ({ ...p, kind: 'pending' as const })),
    ];
    const jobIds = [...new Set(entries.map((e) => jobIdOf(e.args)).filter((id): id is string => id !== null))];
    const jobs = new Map(((await db.jobs.bulkGet(jobIds)).filter(Boolean) as JobRow[]).map((j) => [j.id, j]));
    const people = new Map((await db.users.toArray()).map((u: UserRow) => [u.id, u.name]));
    return {
      pending: entries.filter((e) => e.kind === 'pending'),
      refused: entries.filter((e) => e.kind === 'refused'),
      jobs,
      people,
    };
  }, [db]);
  if (!data) return <p role="status">{t('home.loading')}</p>;

  const describe = (e: Entry) => {
    const label = isMutatorName(e.name) ? t(`mutation.${e.name}`) : e.name;
    const jobId = jobIdOf(e.args);
    const job = jobId ? data.jobs.get(jobId) : undefined;
    return job ? t('changes.onJob', { what: label, number: job.number }) : label;
  };
  const meta = (e: Entry) => {
    const when = e.clientTime ? `${formatDay(e.clientTime)} ${formatTime(e.clientTime)}` : '';
    const who = e.actorId ? (data.people.get(e.actorId) ?? '') : '';
    return t('changes.meta', { when, who });
  };

  return (
    <section className="changes" aria-labelledby="changes-title">
      <h1 id="changes-title">{t('changes.title')}</h1>
      <h2>{t('changes.refusedTitle', { count: data.refused.length })}</h2>
      {data.refused.length === 0 ? <p>{t('changes.noneRefused')}</p> : null}
      <ul className="changes__list" data-testid="refused-list">
        {data.refused.map((e) => (
          <li key={`r${e.id}`} className="changes__item changes__item--refused">
            <p className="changes__what">{describe(e)}</p>
            <p className="changes__meta">{meta(e)}</p>
            {e.kind === 'refused' ? <p className="changes__reason">{t('changes.why', { reason: e.reason })}</p> : null}
            <button type="button" className="button button--ghost" onClick={() => void db._refused.delete(e.id)}>
              {t('changes.dismiss')}
            </button>
          </li>
        ))}
      </ul>
      <h2>{t('changes.pendingTitle', { count: data.pending.length })}</h2>
      {data.pending.length === 0 ? <p>{t('changes.nonePending')}</p> : null}
      <ul className="changes__list" data-testid="pending-list">
        {data.pending.map((e) => (
          <li key={`p${e.id}`} className="changes__item">
            <p className="changes__what">{describe(e)}</p>
            <p className="changes__meta">{meta(e)}</p>
          </li>
        ))}
      </ul>
      {reviewsTeam ? <TeamRefusals /> : null}
    </section>
  );
}
