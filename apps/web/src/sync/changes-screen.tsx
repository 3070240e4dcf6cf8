import type { SessionInfo } from '@lastmile/domain';
import type { OutboxEntry, RefusedEntry } from '@lastmile/sync/client';
import { useLiveQuery } from 'dexie-react-hooks';
import { PhotoUploadsPanel } from '../attachments/photo-uploads-panel.tsx';
import { formatDay, formatTime, useT } from '../i18n/index.ts';
import type { AppDb } from '../local-db/app-db.ts';
import { loadChangeLookup } from './change-lookup.ts';
import { buildChangesExport, downloadJson, exportFileName } from './changes-export.ts';
import { describeChange } from './describe-change.ts';
import { ChangeJobLink, NotLandedValue } from './refused-change.tsx';
import { StuckNotice } from './stuck-notice.tsx';
import { useLoopState, useSync } from './sync-context.tsx';
import { TeamRefusals } from './team-refusals.tsx';
import './sync.css';

type Props = { db: AppDb; session: SessionInfo; reviewsTeam: boolean };

/** What is still only on this phone, and what the server refused and why (nothing disappears silently). */
export function ChangesScreen({ db, session, reviewsTeam }: Props) {
  const t = useT();
  const sync = useSync();
  const loop = useLoopState();
  const data = useLiveQuery(async () => {
    const pending = await db._outbox.orderBy('id').toArray();
    const refused = await db._refused.orderBy('id').toArray();
    const meta = (await db._meta.get('sync'))?.value;
    const lookup = await loadChangeLookup(db, [...refused, ...pending]);
    const actorIds = [...new Set([...pending, ...refused].map((e) => e.actorId).filter((id) => id !== null))];
    const people = new Map((await db.users.bulkGet(actorIds)).flatMap((u) => (u ? [[u.id, u.name] as const] : [])));
    return { pending, refused, meta, lookup, people };
  }, [db]);
  if (!data) return <p role="status">{t('home.loading')}</p>;

  const describe = (e: { name: string; args: unknown }) => describeChange(e.name, e.args, data.lookup, t);
  const metaLine = (e: OutboxEntry | RefusedEntry) => {
    const when = e.clientTime ? `${formatDay(e.clientTime)} ${formatTime(e.clientTime)}` : '';
    const who = e.actorId ? (data.people.get(e.actorId) ?? '') : '';
    return t('changes.meta', { when, who });
  };
  const trouble = data.meta?.trouble ?? null;
  const stuckId = trouble?.phase === 'push' ? trouble.mutationId : null;
  const saveCopy = () => {
    const now = new Date();
    const file = buildChangesExport({
      now,
      session,
      clientId: data.meta?.clientId ?? null,
      trouble,
      pending: data.pending,
      refused: data.refused,
      describe: (e) => describe(e).summary,
    });
    downloadJson(exportFileName(now), file);
  };
  const first = data.pending[0];

  return (
    <section className="changes" aria-labelledby="changes-title">
      <h1 id="changes-title">{t('changes.title')}</h1>
      {trouble ? (
        <StuckNotice
          trouble={trouble}
          first={first ? describe(first).summary : null}
          busy={loop.syncing}
          onRetry={() => sync.kick()}
          onSave={saveCopy}
        />
      ) : null}
      <h2>{t('changes.refusedTitle', { count: data.refused.length })}</h2>
      {data.refused.length === 0 ? <p>{t('changes.noneRefused')}</p> : null}
      <ul className="changes__list" data-testid="refused-list">
        {data.refused.map((e) => {
          const described = describe(e);
          return (
            <li key={`r${e.id}`} className="changes__item changes__item--refused">
              <p className="changes__what">{described.summary}</p>
              <p className="changes__meta">{metaLine(e)}</p>
              <p className="changes__reason">{t('changes.why', { reason: e.reason })}</p>
              {described.value ? <NotLandedValue value={described.value} /> : null}
              <div className="changes__actions">
                <ChangeJobLink job={described.job} />
                <button type="button" className="button button--ghost" onClick={() => void db._refused.delete(e.id)}>
                  {t('changes.dismiss')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <h2>{t('changes.pendingTitle', { count: data.pending.length })}</h2>
      {data.pending.length === 0 ? <p>{t('changes.nonePending')}</p> : null}
      <ul className="changes__list" data-testid="pending-list">
        {data.pending.map((e) => {
          const described = describe(e);
          const stuck = e.id === stuckId;
          return (
            <li key={`p${e.id}`} className={`changes__item${stuck ? ' changes__item--stuck' : ''}`}>
              {stuck ? <p className="changes__badge">{t('changes.firstInQueue')}</p> : null}
              <p className="changes__what">{described.summary}</p>
              <p className="changes__meta">{metaLine(e)}</p>
              <ChangeJobLink job={described.job} />
            </li>
          );
        })}
      </ul>
      <PhotoUploadsPanel db={db} onRetry={() => sync.kick()} />
      {data.pending.length + data.refused.length > 0 ? (
        <p className="changes__save">
          <button type="button" className="button button--ghost" onClick={saveCopy}>
            {t('changes.saveCopy')}
          </button>{' '}
          {t('changes.saveCopyHint')}
        </p>
      ) : null}
      {reviewsTeam ? <TeamRefusals /> : null}
    </section>
  );
}
