import type { CreatedApiKey } from '@lastmile/domain';
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n/index.ts';

/**
 * A key just created: its secret, shown this once with a Copy button (the server keeps only its
 * hash and never sends it again). Focus moves to the heading so a screen reader hears it.
 */
export function ApiKeySecret({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const t = useT();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => heading.current?.focus(), [created.key.id]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied('yes');
    } catch {
      // No clipboard permission: select the key so Ctrl+C / long-press copies it.
      input.current?.select();
      setCopied('no');
    }
  }

  return (
    <section className="admin-link" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {t('admin.apiKeys.secretTitle', { name: created.key.name })}
      </h2>
      <p id={`${id}-once`}>{t('admin.apiKeys.secretOnce')}</p>
      <div className="field">
        <label htmlFor={`${id}-secret`}>{t('admin.apiKeys.secretLabel')}</label>
        <input
          id={`${id}-secret`}
          ref={input}
          readOnly
          spellCheck={false}
          autoComplete="off"
          value={created.secret}
          aria-describedby={`${id}-once`}
          onFocus={(e) => e.target.select()}
        />
      </div>
      <div className="admin-actions">
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          {t('admin.apiKeys.copy')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('admin.apiKeys.done')}
        </button>
      </div>
      <p role="status" className="admin-link__copied">
        {copied === 'yes' ? t('admin.apiKeys.copied') : copied === 'no' ? t('admin.apiKeys.copyManually') : ''}
      </p>
    </section>
  );
}
