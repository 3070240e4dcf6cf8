import { useId, useRef, useState, type ReactNode } from 'react';
import './filter-popover.css';

type Props = {
  /** The filter's name, shown before the summary and naming the panel. */
  label: string;
  /** What is chosen, in a few words ("Any", "2 chosen", "1 Dec – 5 Dec"). */
  summary: string;
  /** Something is chosen: the button shows it. */
  active: boolean;
  children: ReactNode;
  /** Called when the panel closes (to forget a narrowing text, for instance). */
  onClose?: () => void;
};

/**
 * A filter one button high until opened, so a row of them leaves a table above the fold (the
 * disclosure pattern: a button with aria-expanded and the panel after it). Escape or leaving the
 * panel closes it; Escape returns focus to the button.
 */
export function FilterPopover({ label, summary, active, children, onClose }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  function close(returnFocus: boolean) {
    setOpen(false);
    onClose?.();
    if (returnFocus) button.current?.focus();
  }

  return (
    <div
      className="filter-popover"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          close(true);
        }
      }}
      onBlur={(e) => {
        if (open && !e.currentTarget.contains(e.relatedTarget)) close(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className={`filter-popover__button${active ? ' filter-popover__button--on' : ''}`}
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        <span className="filter-popover__label">{label}:</span>{' '}
        <span className="filter-popover__summary">{summary}</span>
        <span aria-hidden="true"> ▾</span>
      </button>
      <div id={`${id}-panel`} className="filter-popover__panel" role="group" aria-label={label} hidden={!open}>
        {children}
      </div>
    </div>
  );
}
