import type { JobRow, SessionInfo } from '@lastmile/domain';
import { useId, useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { ItemCard } from '../../items/item-card.tsx';
import { RaiseItemForm } from '../../items/raise-item-form.tsx';
import { useOpenItemsAtSite } from '../../jobs/use-job.ts';

/** What is still outstanding where this job takes place, and a way to add to it. */
export function SiteItems({ session, job }: { session: SessionInfo; job: JobRow }) {
  const t = useT();
  const db = useAppDb();
  const items = useOpenItemsAtSite(db, job.siteId);
  const [raising, setRaising] = useState(false);
  const headingId = useId();
  return (
    <section className="job__items" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('items.atSite')}</h2>
      {items && items.length === 0 && <p className="job__muted">{t('items.noneAtSite')}</p>}
      {items && items.length > 0 && (
        <ul className="item-list">
          {items.map((item) => (
            <li key={item.id}>
              <ItemCard item={item} session={session} />
            </li>
          ))}
        </ul>
      )}
      {raising ? (
        <RaiseItemForm session={session} job={job} onDone={() => setRaising(false)} />
      ) : (
        <button type="button" className="button button--ghost" onClick={() => setRaising(true)}>
          {t('items.raise')}
        </button>
      )}
    </section>
  );
}
