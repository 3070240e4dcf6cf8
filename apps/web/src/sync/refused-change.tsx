import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n/index.ts';
import type { ChangeDescription } from './describe-change.ts';

/** A link to the job (or its form) a change was about, when this phone has that job. */
export function ChangeJobLink({ job }: { job: ChangeDescription['job'] }) {
  const t = useT();
  if (!job) return null;
  const path = job.form ? `/jobs/${job.id}/form` : `/jobs/${job.id}`;
  return (
    <Link className="changes__job" to={path}>
      {t(job.form ? 'changes.openForm' : 'changes.openJob', { number: job.number })}
    </Link>
  );
}

/**
 * The value a refused change would have saved, in full, with a way to copy it: the refusal must
 * never be the only place a typed value survives, so the person can enter it again.
 */
export function NotLandedValue({ value }: { value: string }) {
  const t = useT();
  const textRef = useRef<HTMLPreElement>(null);
  const [note, setNote] = useState<string | null>(null);
  const copy = async () => {
    try {
      // Missing outside secure contexts (plain http on a LAN): that throws here and is handled below.
      await navigator.clipboard.writeText(value);
      setNote(t('changes.copied'));
    } catch {
      // Select the text instead, so a long press (or Ctrl+C) copies it.
      const range = document.createRange();
      if (textRef.current) range.selectNodeContents(textRef.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      setNote(t('changes.copyFailed'));
    }
  };
  return (
    <div className="changes__value">
      <p className="changes__value-label">{t('changes.notLanded')}</p>
      <pre ref={textRef} className="changes__value-text" data-testid="not-landed">
        {value}
      </pre>
      <button type="button" className="button button--ghost" onClick={() => void copy()}>
        {t('changes.copy')}
      </button>
      <span role="status" className="changes__copy-note">
        {note ?? ''}
      </span>
    </div>
  );
}
