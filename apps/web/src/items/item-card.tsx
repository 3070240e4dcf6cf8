import { ITEM_STATUSES, type ItemStatus, type OutstandingItemRow, type SessionInfo } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { PhotoGallery } from '../attachments/photo-gallery.tsx';
import { PhotoPicker } from '../attachments/photo-picker.tsx';
import { captionPhoto, deletePhoto } from '../attachments/photo-actions.ts';
import { refusedLines, useStorePhotos } from '../attachments/use-store-photos.ts';
import { useItemPhotos } from '../attachments/use-photos.ts';
import { priorityKey, useT } from '../i18n/index.ts';
import { useAppDb } from '../local-db/app-db-context.tsx';
import { useSync } from '../sync/sync-context.tsx';
import { refusalMessage } from '../sync/refusal.ts';
import { FollowUpButton } from './follow-up.tsx';
import { isItemOpen, isItemOverdue } from './item-queries.ts';
import { useJobPeople } from '../jobs/use-job-people.ts';

export function itemStatusKey(status: ItemStatus) {
  return `items.status.${status}` as const;
}

type Props = { item: OutstandingItemRow; session: SessionInfo; showPlace?: boolean };

/** One outstanding item: what, who, by when; its status can be changed in place. */
export function ItemCard({ item, session, showPlace = false }: Props) {
  const t = useT();
  const db = useAppDb();
  const sync = useSync();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const overdue = isItemOverdue(item, new Date());
  const photos = useItemPhotos(db, item.id);
  const store = useStorePhotos();
  const refs = useLiveQuery(
    async () => ({
      owner: item.ownerId ? await db.users.get(item.ownerId) : undefined,
      site: item.siteId ? await db.sites.get(item.siteId) : undefined,
      job: item.jobId ? await db.jobs.get(item.jobId) : undefined,
    }),
    [db, item.ownerId, item.siteId, item.jobId],
  );

  // An owner from another team, on an item raised on a job: named by the server while online.
  const named = useJobPeople(item.jobId, refs && !refs.owner ? [item.ownerId] : []);

  async function setStatus(status: ItemStatus) {
    try {
      await sync.mutate('updateOutstandingItem', { id: item.id, status });
      setError(null);
    } catch (e) {
      setError(refusalMessage(e, t('job.error.unexpected')));
    }
  }

  const canFollowUp = session.user.role !== 'technician' && isItemOpen(item) && item.siteId !== null;
  return (
    <article className={overdue ? 'item-card item-card--overdue' : 'item-card'} aria-labelledby={`${id}-title`}>
      <div className="item-card__top">
        <h3 id={`${id}-title`} className="item-card__title">
          {item.title}
        </h3>
        {overdue && <span className="chip chip--danger">{t('items.overdue')}</span>}
      </div>
      {item.description && <p className="job__pre">{item.description}</p>}
      <p className="item-card__meta">
        <span>
          {item.ownerId
            ? t('items.ownedBy', {
                name: refs?.owner?.name ?? named.get(item.ownerId)?.name ?? t('job.unknownPerson'),
              })
            : t('items.noOwner')}
        </span>
        {' · '}
        <span>{item.dueDate ? t('items.due', { date: item.dueDate }) : t('items.noDue')}</span>
        {' · '}
        <span>{t(priorityKey(item.priority))}</span>
      </p>
      {showPlace && (
        <p className="item-card__meta">
          {refs?.site && <span>{refs.site.address}</span>}
          {refs?.job && (
            <>
              {' · '}
              <Link to={`/jobs/${refs.job.id}`}>{t('job.number', { number: refs.job.number })}</Link>
            </>
          )}
        </p>
      )}
      <div className="item-card__actions">
        <div className="field item-card__status">
          <label htmlFor={`${id}-status`}>{t('items.field.status')}</label>
          <select
            id={`${id}-status`}
            value={item.status}
            onChange={(e) => void setStatus(e.target.value as ItemStatus)}
          >
            {ITEM_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(itemStatusKey(status))}
              </option>
            ))}
          </select>
        </div>
        {canFollowUp && <FollowUpButton item={item} session={session} onError={setError} />}
      </div>
      {photos && (
        <PhotoGallery
          db={db}
          views={photos}
          canEdit={(view) => view.row.capturedBy === session.user.id}
          onDelete={(view) => deletePhoto(db, sync, view.row.id)}
          onCaption={(view, caption) => captionPhoto(sync, view.row.id, caption)}
        />
      )}
      {isItemOpen(item) && (
        <PhotoPicker
          onFiles={async (files) => {
            try {
              setError(refusedLines(await store(files, { kind: 'item', itemId: item.id, jobId: item.jobId }), t));
            } catch (e) {
              setError(refusalMessage(e, t('job.error.unexpected')));
            }
          }}
        />
      )}
      <p className="form-error" role="alert">
        {error ?? ''}
      </p>
    </article>
  );
}
