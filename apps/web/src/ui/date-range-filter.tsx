import { useId } from 'react';
import { formatDay, useT } from '../i18n/index.ts';
import { FilterPopover } from './filter-popover.tsx';

type Props = {
  label: string;
  /** Local days, `yyyy-mm-dd` as date inputs hold them; '' for open. */
  fromDay: string;
  toDay: string;
  onChange: (range: { fromDay: string; toDay: string }) => void;
};

/** A local `yyyy-mm-dd` day at noon, so no time zone moves it to a neighbouring day. */
const dayIso = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12).toISOString();
};

/** The jobs' day between two dates (both included), one button high until opened. */
export function DateRangeFilter({ label, fromDay, toDay, onChange }: Props) {
  const t = useT();
  const id = useId();
  const summary =
    fromDay && toDay
      ? t('ui.dateRange.between', { from: formatDay(dayIso(fromDay)), to: formatDay(dayIso(toDay)) })
      : fromDay
        ? t('ui.dateRange.from', { day: formatDay(dayIso(fromDay)) })
        : toDay
          ? t('ui.dateRange.until', { day: formatDay(dayIso(toDay)) })
          : t('ui.multiSelect.any');
  return (
    <FilterPopover label={label} summary={summary} active={Boolean(fromDay || toDay)}>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t('ui.dateRange.fromLabel')}</label>
        <input
          id={`${id}-from`}
          type="date"
          value={fromDay}
          onChange={(e) => onChange({ fromDay: e.target.value, toDay })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('ui.dateRange.toLabel')}</label>
        <input
          id={`${id}-to`}
          type="date"
          value={toDay}
          onChange={(e) => onChange({ fromDay, toDay: e.target.value })}
        />
      </div>
      {(fromDay || toDay) && (
        <button type="button" className="button button--ghost" onClick={() => onChange({ fromDay: '', toDay: '' })}>
          {t('ui.multiSelect.clear')}
        </button>
      )}
    </FilterPopover>
  );
}
