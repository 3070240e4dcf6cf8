import { useState } from 'react';
import { useT } from '../i18n/index.ts';
import { FilterPopover } from './filter-popover.tsx';
import './multi-select.css';

export type MultiSelectOption = { value: string; label: string };

type Props = {
  label: string;
  options: readonly MultiSelectOption[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
};

/** Long lists (the technicians of a big organization) get a box that narrows them. */
const NARROW_FROM = 9;

/**
 * A filter that takes several values ("Submitted or Sent back"): a group of native checkboxes in
 * a FilterPopover, so keyboard, screen readers and forced colours work as they do everywhere.
 * The button says what is chosen.
 */
export function MultiSelect({ label, options, selected, onChange }: Props) {
  const t = useT();
  const [narrow, setNarrow] = useState('');
  const chosen = new Set(selected);
  const wanted = narrow.trim().toLocaleLowerCase();
  const shown = wanted ? options.filter((o) => o.label.toLocaleLowerCase().includes(wanted)) : options;

  const summary =
    selected.length === 0
      ? t('ui.multiSelect.any')
      : selected.length === 1
        ? (options.find((o) => o.value === selected[0])?.label ?? t('ui.multiSelect.count', { count: 1 }))
        : t('ui.multiSelect.count', { count: selected.length });

  function toggle(value: string, on: boolean) {
    // The options' order, not the clicks': the query string (and the cache key) stays the same.
    const next = new Set(chosen);
    if (on) next.add(value);
    else next.delete(value);
    onChange(options.filter((o) => next.has(o.value)).map((o) => o.value));
  }

  return (
    <FilterPopover label={label} summary={summary} active={selected.length > 0} onClose={() => setNarrow('')}>
      {options.length >= NARROW_FROM && (
        <input
          type="search"
          className="multi-select__narrow"
          aria-label={t('ui.multiSelect.narrow', { label })}
          placeholder={t('ui.multiSelect.narrowPlaceholder')}
          value={narrow}
          onChange={(e) => setNarrow(e.target.value)}
        />
      )}
      <ul className="multi-select__options">
        {shown.map((o) => (
          <li key={o.value}>
            <label>
              <input
                type="checkbox"
                checked={chosen.has(o.value)}
                onChange={(e) => toggle(o.value, e.target.checked)}
              />
              {o.label}
            </label>
          </li>
        ))}
        {shown.length === 0 && <li className="multi-select__none">{t('ui.multiSelect.none')}</li>}
      </ul>
      {selected.length > 0 && (
        <button type="button" className="button button--ghost" onClick={() => onChange([])}>
          {t('ui.multiSelect.clear')}
        </button>
      )}
    </FilterPopover>
  );
}
