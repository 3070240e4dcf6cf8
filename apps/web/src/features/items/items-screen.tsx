import { EXPORT_URLS, ITEM_STATUSES, type SessionInfo } from '@lastmile/domain';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ItemCard, itemStatusKey } from '../../items/item-card.tsx';
import { compareItems, matchesItemFilter, type ItemFilter, type ItemList } from '../../items/item-queries.ts';
import { useOwnerChoices } from '../../items/raise-item-form.tsx';
import { useAllItems } from '../../items/items-link.tsx';

function listsFor(role: SessionInfo['user']['role']): { id: ItemList; label: MessageKey }[] {
  const mine = { id: 'mine' as const, label: 'items.list.mine' as const };
  const team = { id: 'team' as const, label: 'items.list.team' as const };
  const all = { id: 'all' as const, label: 'items.list.all' as const };
  if (role === 'technician') return [mine, team];
  if (role === 'lead') return [team, mine];
  return [all, mine];
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
      <Link className="job__back" to="/">
        {t('job.back')}
      </Link>
      <h1 id={`${id}-title`}>{t('items.title')}</h1>
      {session.user.role !== 'technician' && (
        // The server's export: every item of the organization (a lead: their team's), not only this list.
        <a className="button button--ghost" href={EXPORT_URLS.items} download>
          {t('reports.export.items')}
        </a>
      )}
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
