import { JOB_STATUSES, jobStatusSchema, type JobStatus } from '@lastmile/domain';
import { useId } from 'react';
import { statusKey, useT } from '../../i18n/index.ts';
import { SelectField } from './text-field.tsx';
import type { ReferenceRows } from './use-reference-rows.ts';

export type JobFilters = {
  search: string;
  status: JobStatus | '';
  jobTypeId: string;
  teamId: string;
  assigneeId: string;
  customerId: string;
  /** Local days (yyyy-mm-dd) from the date inputs; turned into instants for the query. */
  fromDay: string;
  toDay: string;
};

export const NO_FILTERS: JobFilters = {
  search: '',
  status: '',
  jobTypeId: '',
  teamId: '',
  assigneeId: '',
  customerId: '',
  fromDay: '',
  toDay: '',
};

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
};

export function JobsFilters({ filters, refs, onChange, onClear }: Props) {
  const t = useT();
  const ids = useId();
  const any = { value: '', label: t('office.filter.any') };
  return (
    <form className="office-filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <div className="field office-filters__search">
        <label htmlFor={`${ids}-q`}>{t('office.filter.search')}</label>
        <input
          id={`${ids}-q`}
          type="search"
          value={filters.search}
          aria-describedby={`${ids}-q-hint`}
          onChange={(e) => onChange({ search: e.target.value })}
        />
        <span id={`${ids}-q-hint`} className="field__hint">
          {t('office.filter.searchHint')}
        </span>
      </div>
      <SelectField
        label={t('office.filter.status')}
        value={filters.status}
        onChange={(v) => onChange({ status: jobStatusSchema.safeParse(v).data ?? '' })}
        options={[
          { value: '', label: t('office.filter.allStatuses') },
          ...JOB_STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) })),
        ]}
      />
      <SelectField
        label={t('office.filter.jobType')}
        value={filters.jobTypeId}
        onChange={(v) => onChange({ jobTypeId: v })}
        options={[any, ...(refs?.jobTypes ?? []).map((r) => ({ value: r.id, label: r.name }))]}
      />
      <SelectField
        label={t('office.filter.team')}
        value={filters.teamId}
        onChange={(v) => onChange({ teamId: v })}
        options={[any, ...(refs?.teams ?? []).map((r) => ({ value: r.id, label: r.name }))]}
      />
      <SelectField
        label={t('office.filter.assignee')}
        value={filters.assigneeId}
        onChange={(v) => onChange({ assigneeId: v })}
        options={[any, ...(refs?.fieldPeople ?? []).map((r) => ({ value: r.id, label: r.name }))]}
      />
      <SelectField
        label={t('office.filter.customer')}
        value={filters.customerId}
        onChange={(v) => onChange({ customerId: v })}
        options={[any, ...(refs?.customers ?? []).map((r) => ({ value: r.id, label: r.name }))]}
      />
      <div className="field">
        <label htmlFor={`${ids}-from`}>{t('office.filter.from')}</label>
        <input
          id={`${ids}-from`}
          type="date"
          value={filters.fromDay}
          onChange={(e) => onChange({ fromDay: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-to`}>{t('office.filter.to')}</label>
        <input
          id={`${ids}-to`}
          type="date"
          value={filters.toDay}
          onChange={(e) => onChange({ toDay: e.target.value })}
        />
      </div>
      <button type="button" className="button button--ghost office-filters__clear" onClick={onClear}>
        {t('office.filter.clear')}
      </button>
    </form>
  );
}
