import type { CustomerRow, SiteRow } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useId, useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { CustomerForm, SiteForm } from './customer-forms.tsx';
import { OfficeNav } from './office-nav.tsx';
import './office.css';
import { useSitesOf } from './use-reference-rows.ts';

const MAX_SHOWN = 100;

/** Customers (read from this device: reference rows replicate everywhere) and their sites. */
export function CustomersScreen() {
  const t = useT();
  const ids = useId();
  const db = useAppDb();
  const [filter, setFilter] = useState('');
  const deferred = useDeferredValue(filter.trim().toLowerCase());
  const all = useLiveQuery(() => db.customers.orderBy('name').toArray(), [db]);
  const [editing, setEditing] = useState<CustomerRow | 'new' | null>(null);
  const [selected, setSelected] = useState<CustomerRow | null>(null);
  const matching = all?.filter((c) => !deferred || c.name.toLowerCase().includes(deferred)) ?? [];

  return (
    <section className="office" aria-labelledby={`${ids}-h`}>
      <OfficeNav />
      <h1 id={`${ids}-h`}>{t('office.customers.title')}</h1>
      <div className="office-columns">
        <div>
          <div className="field">
            <label htmlFor={`${ids}-f`}>{t('office.customers.filter')}</label>
            <input id={`${ids}-f`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </div>
          <button type="button" className="button" onClick={() => setEditing('new')}>
            {t('office.customers.new')}
          </button>
          {all && all.length === 0 && <EmptyState>{t('office.customers.empty')}</EmptyState>}
          {matching.length > MAX_SHOWN && (
            <p>{t('office.customers.showing', { shown: MAX_SHOWN, total: matching.length })}</p>
          )}
          <ul className="office-list">
            {matching.slice(0, MAX_SHOWN).map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className="office-list__item"
                  aria-pressed={selected?.id === c.id}
                  onClick={() => setSelected(c)}
                >
                  {c.name}
                </button>
                <button
                  type="button"
                  className="button button--ghost"
                  aria-label={t('office.customers.edit', { name: c.name })}
                  onClick={() => setEditing(c)}
                >
                  {t('office.table.edit')}
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div>
          {editing && (
            <CustomerForm
              key={editing === 'new' ? 'new' : editing.id}
              customer={editing === 'new' ? null : editing}
              onSaved={(row) => {
                setEditing(null);
                setSelected(row);
              }}
            />
          )}
          {selected && <CustomerSites customer={selected} />}
        </div>
      </div>
    </section>
  );
}

function CustomerSites({ customer }: { customer: CustomerRow }) {
  const t = useT();
  const sites = useSitesOf(customer.id);
  const [editing, setEditing] = useState<SiteRow | 'new' | null>(null);
  return (
    <section aria-label={t('office.customers.sites', { name: customer.name })}>
      <h2>{t('office.customers.sites', { name: customer.name })}</h2>
      {sites?.length === 0 && <p>{t('office.customers.noSites')}</p>}
      <ul className="office-list">
        {(sites ?? []).map((s) => (
          <li key={s.id}>
            <span>
              {s.name} · {s.address}
            </span>
            <button
              type="button"
              className="button button--ghost"
              aria-label={t('office.sites.edit', { name: s.name })}
              onClick={() => setEditing(s)}
            >
              {t('office.table.edit')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={() => setEditing('new')}>
        {t('office.sites.new')}
      </button>
      {editing && (
        <SiteForm
          key={editing === 'new' ? 'new' : editing.id}
          customerId={customer.id}
          site={editing === 'new' ? null : editing}
          onSaved={() => setEditing(null)}
        />
      )}
    </section>
  );
}
