import { useEffect, useId, useRef, useState } from 'react';
import { formatDay, formatTime, useT } from '../../i18n/index.ts';

export type IssuedLink = {
  kind: 'invite' | 'reset';
  name: string;
  email: string;
  link: string;
  expiresAt: string;
  emailed: boolean;
};

/**
 * A one-time link just issued: shown once, with a Copy button, and whether it was also emailed.
 * Focus moves to its heading so a screen reader hears it and a keyboard user is next to Copy.
 */
export function LinkResult({ issued, onClose }: { issued: IssuedLink; onClose: () => void }) {
  const t = useT();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => heading.current?.focus(), [issued.link]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(issued.link);
      setCopied('yes');
    } catch {
      // No clipboard permission: select the link so Ctrl+C / long-press copies it.
      input.current?.select();
      setCopied('no');
    }
  }

  return (
    <section className="admin-link" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {issued.kind === 'invite'
          ? t('admin.link.inviteTitle', { name: issued.name })
          : t('admin.link.resetTitle', { name: issued.name })}
      </h2>
      <p>
        {issued.emailed
          ? t('admin.link.emailed', { email: issued.email })
          : t('admin.link.notEmailed', { email: issued.email })}
      </p>
      <div className="field">
        <label htmlFor={`${id}-link`}>{t('admin.link.label')}</label>
        <input
          id={`${id}-link`}
          ref={input}
          readOnly
          value={issued.link}
          aria-describedby={`${id}-until`}
          onFocus={(e) => e.target.select()}
        />
        <span id={`${id}-until`} className="field__hint">
          {t('admin.link.until', { day: formatDay(issued.expiresAt), time: formatTime(issued.expiresAt) })}
        </span>
      </div>
      <div className="admin-actions">
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          {t('admin.link.copy')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('admin.link.done')}
        </button>
      </div>
      <p role="status" className="admin-link__copied">
        {copied === 'yes' ? t('admin.link.copied') : copied === 'no' ? t('admin.link.copyManually') : ''}
      </p>
    </section>
  );
}
