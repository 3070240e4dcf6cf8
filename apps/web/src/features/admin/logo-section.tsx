import { LOGO_TYPES, MAX_LOGO_BYTES, type LogoInfo, type LogoType } from '@lastmile/domain';
import { useId, useRef, useState } from 'react';
import { formatNumber, useT } from '../../i18n/index.ts';
import { adminApi, adminKeys, useRefreshAdmin } from './admin-api.ts';
import { adminProblem } from './admin-errors.ts';

const isLogoType = (type: string): type is LogoType => LOGO_TYPES.some((allowed) => allowed === type);

/** The bytes as base64, for the JSON upload (a logo is at most 512 KB). */
async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The logo drawn on reports: the current one, a file to replace it (checked here first), Remove. */
export function LogoSection({ logo }: { logo: LogoInfo | null }) {
  const t = useT();
  const id = useId();
  const refresh = useRefreshAdmin();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(work: () => Promise<unknown>, done: string) {
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      await work();
      setNotice(done);
      if (input.current) input.current.value = '';
      await refresh(adminKeys.organization);
    } catch (error) {
      setProblem(adminProblem(error));
    } finally {
      setBusy(false);
    }
  }

  function upload() {
    const file = input.current?.files?.[0];
    if (!file) return setProblem(t('admin.logo.chooseFirst'));
    if (!isLogoType(file.type)) return setProblem(t('admin.logo.wrongType'));
    if (file.size > MAX_LOGO_BYTES) {
      return setProblem(
        t('admin.logo.tooLarge', { sizeKb: Math.ceil(file.size / 1024), maxKb: MAX_LOGO_BYTES / 1024 }),
      );
    }
    void run(async () => adminApi.uploadLogo(file.type as LogoType, await toBase64(file)), t('admin.logo.saved'));
  }

  return (
    <section className="admin-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('admin.logo.title')}</h2>
      <p className="field__hint">{t('admin.logo.intro')}</p>
      {logo ? (
        <figure className="admin-logo">
          <img
            src={`/api/organization/logo?v=${logo.sha256}`}
            alt={t('admin.logo.current')}
            width={logo.width}
            height={logo.height}
          />
          <figcaption className="field__hint">
            {t('admin.logo.facts', {
              width: logo.width,
              height: logo.height,
              kb: formatNumber(Math.ceil(logo.bytes / 1024)),
            })}
          </figcaption>
        </figure>
      ) : (
        <p>{t('admin.logo.none')}</p>
      )}
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('admin.logo.file')}</label>
        <span id={`${id}-hint`} className="field__hint">
          {t('admin.logo.fileHint', { maxKb: MAX_LOGO_BYTES / 1024 })}
        </span>
        <input
          id={`${id}-file`}
          ref={input}
          type="file"
          accept={LOGO_TYPES.join(',')}
          aria-describedby={`${id}-hint`}
          onChange={() => setProblem(null)}
        />
      </div>
      <div className="admin-actions">
        <button type="button" className="button button--primary" disabled={busy} onClick={upload}>
          {t('admin.logo.upload')}
        </button>
        {logo && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(() => adminApi.removeLogo(), t('admin.logo.removed'))}
          >
            {t('admin.logo.remove')}
          </button>
        )}
      </div>
      <p className="form-error" role="alert">
        {problem}
      </p>
      <p className="admin-notice" role="status">
        {notice}
      </p>
    </section>
  );
}
