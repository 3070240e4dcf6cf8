import { JOB_STATUSES, idSchema, jobStatusSchema, type JobStatus } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type ReactNode } from 'react';
import { statusKey, useT } from '../../i18n/index.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { DateRangeFilter } from '../../ui/date-range-filter.tsx';
import { FilterPopover } from '../../ui/filter-popover.tsx';
import { MultiSelect } from '../../ui/multi-select.tsx';
import { CustomerPicker } from './customer-picker.tsx';
import type { ReferenceRows } from './use-reference-rows.ts';

export type JobFilters = {
  search: string;
  /** Each list is "any of" these; an empty list is no filter. */
  status: JobStatus[];
  jobTypeId: string[];
  teamId: string[];
  assigneeId: string[];
  customerId: string;
  /** Local days (yyyy-mm-dd) from the date inputs; turned into instants for the query. */
  fromDay: string;
  toDay: string;
};

export const NO_FILTERS: JobFilters = {
  search: '',
  status: [],
  jobTypeId: [],
  teamId: [],
  assigneeId: [],
  customerId: '',
  fromDay: '',
  toDay: '',
};

const ids = (p: URLSearchParams, key: string) => p.getAll(key).filter((v) => idSchema.safeParse(v).success);
const day = (p: URLSearchParams, key: string) => (/^\d{4}-\d{2}-\d{2}$/.test(p.get(key) ?? '') ? p.get(key)! : '');

/**
 * Filters from a link (`/?status=sent_back&assigneeId=…&fromDay=2026-11-01`): the drift dashboard
 * links each figure to the jobs behind it. Values that are not ids or days are dropped.
 */
export function filtersFromParams(p: URLSearchParams): JobFilters {
  return {
    ...NO_FILTERS,
    search: (p.get('search') ?? '').slice(0, 200),
    status: p.getAll('status').flatMap((s) => jobStatusSchema.safeParse(s).data ?? []),
    jobTypeId: ids(p, 'jobTypeId'),
    teamId: ids(p, 'teamId'),
    assigneeId: ids(p, 'assigneeId'),
    customerId: ids(p, 'customerId')[0] ?? '',
    fromDay: day(p, 'fromDay'),
    toDay: day(p, 'toDay'),
  };
}

/** How many filters (search aside) narrow the table: the collapsed bar's button says so. */
export function activeFilterCount(f: JobFilters): number {
  return [
    f.status.length,
    f.jobTypeId.length,
    f.teamId.length,
    f.assigneeId.length,
    f.customerId,
    f.fromDay || f.toDay,
  ].filter(Boolean).length;
}

/** A local day's midnight as an ISO instant; `nextDay` for an inclusive "to" date. */
export function dayStart(day: string, nextDay = false): string | undefined {
  if (!day) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + (nextDay ? 1 : 0)).toISOString();
}

type Props = {
  filters: JobFilters;
  refs: ReferenceRows | undefined;
  onChange: (patch: Partial<JobFilters>) => void;
  onClear: () => void;
  /** Shown at the end of the filter line, folded or not (the export of what is filtered). */
  children?: ReactNode;
};

/**
 * One line of filters on a desktop (each a button until opened) so the first jobs show above the
 * fold at 1280×800; on a phone the filters fold behind one "Filters" button under the search.
 */
export function JobsFilters({ filters, refs, onChange, onClear, children }: Props) {
  const t = useT();
  const ids = useId();
  const db = useAppDb();
  const [open, setOpen] = useState(false);
  const customerName = useLiveQuery(
    async () => (filters.customerId ? ((await db.customers.get(filters.customerId))?.name ?? '') : ''),
    [db, filters.customerId],
  );
  const count = activeFilterCount(filters);
  const named = (rows: readonly { id: string; name: string }[] | undefined) =>
    (rows ?? []).map((r) => ({ value: r.id, label: r.name }));
  return (
    <form
      className={`office-filters${open ? ' office-filters--open' : ''}`}
      role="search"
      aria-label={t('office.filter.label')}
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="office-filters__search">
        <label htmlFor={`${ids}-q`} className="visually-hidden">
          {t('office.filter.search')}
        </label>
        <input
          id={`${ids}-q`}
          type="search"
          value={filters.search}
          placeholder={t('office.filter.searchPlaceholder')}
          aria-describedby={`${ids}-q-hint`}
          onChange={(e) => onChange({ search: e.target.value })}
        />
        <span id={`${ids}-q-hint`} className="visually-hidden">
          {t('office.filter.searchHint')}
        </span>
      </div>
      <button
        type="button"
        className="button office-filters__toggle"
        aria-expanded={open}
        aria-controls={`${ids}-more`}
        onClick={() => setOpen((o) => !o)}
      >
        {count > 0 ? t('office.filter.toggleCount', { count }) : t('office.filter.toggle')}
      </button>
      <div id={`${ids}-more`} className="office-filters__more">
        <MultiSelect
          label={t('office.filter.status')}
          options={JOB_STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }))}
          selected={filters.status}
          onChange={(v) => onChange({ status: v.flatMap((s) => jobStatusSchema.safeParse(s).data ?? []) })}
        />
        <MultiSelect
          label={t('office.filter.jobType')}
          options={named(refs?.jobTypes)}
          selected={filters.jobTypeId}
          onChange={(jobTypeId) => onChange({ jobTypeId })}
        />
        <MultiSelect
          label={t('office.filter.team')}
          options={named(refs?.teams)}
          selected={filters.teamId}
          onChange={(teamId) => onChange({ teamId })}
        />
        <MultiSelect
          label={t('office.filter.assignee')}
          options={named(refs?.fieldPeople)}
          selected={filters.assigneeId}
          onChange={(assigneeId) => onChange({ assigneeId })}
        />
        <FilterPopover
          label={t('office.filter.customer')}
          summary={customerName || t('ui.multiSelect.any')}
          active={filters.customerId !== ''}
        >
          <CustomerPicker
            label={t('office.filter.customer')}
            value={filters.customerId}
            onChange={(customerId) => onChange({ customerId })}
            emptyLabel={t('office.filter.anyCustomer')}
          />
        </FilterPopover>
        <DateRangeFilter
          label={t('office.filter.dates')}
          fromDay={filters.fromDay}
          toDay={filters.toDay}
          onChange={(range) => onChange(range)}
        />
        <button type="button" className="button button--ghost office-filters__clear" onClick={onClear}>
          {t('office.filter.clear')}
        </button>
      </div>
      {children}
    </form>
  );
}
