import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n/index.ts';
import './combobox.css';

export type ComboboxOption = { value: string; label: string; detail?: string };

type Props = {
  label: string;
  /** The chosen option's value, '' for none. */
  value: string;
  /** How the chosen value reads (the caller looks it up; the list need not hold it). */
  valueLabel: string;
  /** Options for what was typed, at most a screenful (the caller searches an index, not a list). */
  search: (text: string) => Promise<ComboboxOption[]>;
  onChange: (value: string) => void;
  required?: boolean;
  error?: string | undefined;
  hint?: string;
  /** What an empty value means here ("Any customer" in a filter); without it, empty is "not chosen". */
  emptyLabel?: string;
};

/**
 * A searchable picker for lists too long for a <select> (thousands of customers): type, arrow to an
 * option, Enter. The ARIA 1.2 combobox pattern: focus stays in the input, the active option is
 * named by aria-activedescendant. Leaving the input puts back the chosen value's text, so what
 * the box shows is always what is chosen.
 */
export function Combobox({ label, value, valueLabel, search, onChange, required, error, hint, emptyLabel }: Props) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(valueLabel);
  const [open, setOpen] = useState(false);
  // The options and the text they were found for: until the search for what is typed now has
  // answered, the list is busy. It never says "Nothing matches" of a search still running, and
  // Enter never picks an option found for what was typed before (a fast typist's wrong customer).
  const [results, setResults] = useState<{ query: string | null; options: ComboboxOption[] }>({
    query: null,
    options: [],
  });
  const [active, setActive] = useState(-1);
  const typed = useRef(false);
  // What is searched for: what was typed, or '' (all) until something is.
  const [query, setQuery] = useState('');
  const options = results.options;
  const searching = open && results.query !== query;

  // The chosen value changed from outside (loaded, cleared): show its text.
  useEffect(() => {
    if (!typed.current) setText(valueLabel);
  }, [valueLabel]);

  useEffect(() => {
    if (!open) return;
    let current = true;
    void search(query).then((found) => {
      if (!current) return;
      setResults({ query, options: found });
      setActive(found.length > 0 ? 0 : -1);
    });
    return () => {
      current = false;
    };
  }, [open, query, search]);

  function choose(option: ComboboxOption | null) {
    typed.current = false;
    setQuery('');
    setText(option ? option.label : '');
    setOpen(false);
    onChange(option ? option.value : '');
  }

  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const activeId = open && active >= 0 ? `${id}-o${active}` : undefined;
  return (
    <div className="field combobox">
      <label htmlFor={id}>
        {label}
        {required && <span className="field__required"> {t('ui.field.required')}</span>}
      </label>
      {hint && (
        <span id={`${id}-hint`} className="field__hint">
          {hint}
        </span>
      )}
      <div className="combobox__box">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={`${id}-list`}
          aria-activedescendant={activeId}
          aria-required={required || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          placeholder={value ? undefined : (emptyLabel ?? t('ui.combobox.placeholder'))}
          value={text}
          onChange={(e) => {
            typed.current = true;
            setQuery(e.target.value.trim());
            setText(e.target.value);
            setOpen(true);
          }}
          onFocus={(e) => e.currentTarget.select()}
          onClick={() => setOpen(true)}
          onBlur={() => {
            typed.current = false;
            setQuery('');
            setOpen(false);
            setText(valueLabel);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              if (!open) setOpen(true);
              else setActive((a) => Math.min(options.length - 1, a + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(0, a - 1));
            } else if (e.key === 'Enter' && open) {
              e.preventDefault();
              if (searching) return;
              const option = options[active];
              if (option) choose(option);
            } else if (e.key === 'Escape' && open) {
              e.preventDefault();
              e.stopPropagation();
              typed.current = false;
              setQuery('');
              setOpen(false);
              setText(valueLabel);
            }
          }}
        />
        {value && (
          <button
            type="button"
            className="combobox__clear"
            aria-label={t('ui.combobox.clear', { label })}
            onClick={() => choose(null)}
          >
            ×
          </button>
        )}
      </div>
      <ul
        id={`${id}-list`}
        role="listbox"
        aria-label={label}
        aria-busy={searching}
        className="combobox__list"
        hidden={!open}
      >
        {options.map((option, i) => (
          <li
            key={option.value}
            id={`${id}-o${i}`}
            role="option"
            aria-selected={i === active}
            className={option.value === value ? 'combobox__option combobox__option--chosen' : 'combobox__option'}
            // mousedown, not click: the input's blur would close the list before a click lands.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(option);
            }}
          >
            {option.label}
            {option.detail && <span className="combobox__detail">{option.detail}</span>}
          </li>
        ))}
        {open && !searching && options.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled="true" className="combobox__none">
            {t('ui.combobox.none')}
          </li>
        )}
      </ul>
      {error && (
        <span id={`${id}-error`} className="field__error">
          {error}
        </span>
      )}
    </div>
  );
}
