import './items.css';
import { ITEM_STATUSES, type OutstandingItemRow, type SessionInfo } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { onLinkClick } from '../../app/router.ts';
import { useT, type MessageKey } from '../../i18n/index.ts';
import type { AppDb } from '../../local-db/app-db.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ItemCard, itemStatusKey } from './item-card.tsx';
import { compareItems, isItemOverdue, matchesItemFilter, type ItemFilter, type ItemList } from './item-queries.ts';
import { useOwnerChoices } from './raise-item-form.tsx';

function listsFor(role: SessionInfo['user']['role']): { id: ItemList; label: MessageKey }[] {
  const mine = { id: 'mine' as const, label: 'items.list.mine' as const };
  const team = { id: 'team' as const, label: 'items.list.team' as const };
  const all = { id: 'all' as const, label: 'items.list.all' as const };
  if (role === 'technician') return [mine, team];
  if (role === 'lead') return [team, mine];
  return [all, mine];
}

/** Every item on this device (a technician's device holds theirs and the ones they raised). */
export function useAllItems(db: AppDb): OutstandingItemRow[] | undefined {
  return useLiveQuery(() => db.outstandingItems.toArray(), [db]);
}

/** Overdue items this person should chase: their own, and their team's if they lead it. */
export function useOverdueCount(db: AppDb, session: SessionInfo): number {
  return (
    useLiveQuery(async () => {
      const now = new Date();
      const items = await db.outstandingItems.where('status').anyOf('open', 'in_progress').toArray();
      return items.filter(
        (item) =>
          isItemOverdue(item, now) &&
          (item.ownerId === session.user.id ||
            (session.user.role === 'lead' && item.teamId === session.user.teamId) ||
            session.user.role === 'office' ||
            session.user.role === 'admin'),
      ).length;
    }, [db, session.user.id, session.user.role, session.user.teamId]) ?? 0
  );
}

/** The link to the items list, shouting when something is overdue. */
export function ItemsLink({ session }: { session: SessionInfo }) {
  const t = useT();
  const overdue = useOverdueCount(useAppDb(), session);
  return (
    <a
      className={overdue ? 'items-link items-link--overdue' : 'items-link'}
      href="/items"
      onClick={onLinkClick('/items')}
    >
      {t('items.title')}
      {overdue > 0 && <span className="chip chip--danger">{t('items.overdueCount', { count: overdue })}</span>}
    </a>
  );
}

export function ItemsScreen({ session }: { session: SessionInfo }) {
  const t = useT();
  const db = useAppDb();
  const items = useAllItems(db);
  const owners = useOwnerChoices(session);
  const lists = listsFor(session.user.role);
  const id = useId();
  const [filter, setFilter] = useState<ItemFilter>({
    list: lists[0]!.id,
    status: 'open_any',
    ownerId: 'all',
    overdueOnly: false,
  });
  const now = new Date();
  const shown = items?.filter((item) => matchesItemFilter(item, filter, session.user, now)).sort(compareItems(now));

  return (
    <section className="items" aria-labelledby={`${id}-title`}>
      <a className="job__back" href="/" onClick={onLinkClick('/')}>
        {t('job.back')}
      </a>
      <h1 id={`${id}-title`}>{t('items.title')}</h1>
      <div className="tabs" role="group" aria-label={t('items.lists')}>
        {lists.map((list) => (
          <button
            key={list.id}
            type="button"
            className="tabs__tab"
            aria-pressed={filter.list === list.id}
            onClick={() => setFilter({ ...filter, list: list.id })}
          >
            {t(list.label)}
          </button>
        ))}
      </div>
      <div className="items__filters">
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('items.field.status')}</label>
          <select
            id={`${id}-status`}
            value={filter.status}
            onChange={(e) => setFilter({ ...filter, status: e.target.value as ItemFilter['status'] })}
          >
            <option value="open_any">{t('items.filter.openAny')}</option>
            <option value="all">{t('items.filter.allStatuses')}</option>
            {ITEM_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(itemStatusKey(status))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-owner`}>{t('items.field.owner')}</label>
          <select
            id={`${id}-owner`}
            value={filter.ownerId}
            onChange={(e) => setFilter({ ...filter, ownerId: e.target.value })}
          >
            <option value="all">{t('items.filter.anyOwner')}</option>
            {owners.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={filter.overdueOnly}
            onChange={(e) => setFilter({ ...filter, overdueOnly: e.target.checked })}
          />
          {t('items.filter.overdueOnly')}
        </label>
      </div>
      <p className="job__muted" aria-live="polite">
        {shown && t('items.count', { count: shown.length })}
      </p>
      {shown === undefined ? (
        <p className="home__loading">{t('home.loading')}</p>
      ) : shown.length === 0 ? (
        <EmptyState>{t('items.none')}</EmptyState>
      ) : (
        <ul className="item-list">
          {shown.map((item) => (
            <li key={item.id}>
              <ItemCard item={item} session={session} showPlace />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
