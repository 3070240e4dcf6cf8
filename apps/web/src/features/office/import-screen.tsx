import { MAX_IMPORT_BYTES, type ImportPreview, type ImportResult } from '@lastmile/domain';
import { useId, useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { useT } from '../../i18n/index.ts';
import { ImportRows } from './import-rows.tsx';
import { officeApi } from './office-api.ts';
import { OfficeNav } from './office-nav.tsx';
import './office.css';

const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * CSV import: check the file (nothing stored), see every problem by line and column, then import
 * it whole — or, only after saying so explicitly, just the valid rows.
 */
export function ImportScreen() {
  const t = useT();
  const ids = useId();
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'checking' | 'importing' | null>(null);
  const [acceptSkip, setAcceptSkip] = useState(false);

  async function onFile(file: File | undefined) {
    setPreview(null);
    setResult(null);
    setError(null);
    setAcceptSkip(false);
    if (!file) return setCsv(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setCsv(null);
      return setError(t('import.tooLarge'));
    }
    const text = await file.text();
    setCsv(text);
    await check(text);
  }

  async function check(text: string) {
    setBusy('checking');
    setError(null);
    try {
      setPreview(await officeApi.previewImport(text, timeZone));
    } catch (e) {
      setPreview(null);
      setError(t('import.error', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(null);
    }
  }

  async function commit(onlyValid: boolean) {
    if (!csv) return;
    setBusy('importing');
    setError(null);
    try {
      setResult(await officeApi.commitImport(csv, timeZone, onlyValid));
      setPreview(null);
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  const s = preview?.summary;
  return (
    <section className="office" aria-labelledby={`${ids}-h`}>
      <OfficeNav />
      <h1 id={`${ids}-h`}>{t('import.title')}</h1>
      <p className="office__intro">{t('import.intro', { zone: timeZone })}</p>
      <div className="field">
        <label htmlFor={`${ids}-file`}>{t('import.file')}</label>
        <input
          id={`${ids}-file`}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </div>
      {csv && (
        <button type="button" className="button" disabled={busy !== null} onClick={() => void check(csv)}>
          {busy === 'checking' ? t('import.checking') : t('import.preview')}
        </button>
      )}
      <div role="status" aria-live="polite" className="import__status">
        {result && (
          <p className="notice notice--info">
            {result.created === 0 && result.skippedInvalid === 0
              ? t('import.nothingNew')
              : t('import.done', {
                  created: result.created,
                  customers: result.customersCreated,
                  sites: result.sitesCreated,
                  already: result.alreadyImported,
                  skipped: result.skippedInvalid,
                })}
          </p>
        )}
        {s && (
          <p className="import__summary">
            {t('import.summary', {
              total: s.total,
              new: s.new,
              already: s.alreadyImported,
              invalid: s.invalid,
              customers: s.newCustomers,
              sites: s.newSites,
            })}
          </p>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {preview && (
        <>
          {preview.ignoredColumns.length > 0 && (
            <p>{t('import.ignored', { columns: preview.ignoredColumns.join(', ') })}</p>
          )}
          {s && s.invalid > 0 && <p className="notice">{t('import.invalidNote')}</p>}
          <div className="import__actions">
            {s && s.invalid === 0 && s.new > 0 && (
              <button
                type="button"
                className="button button--primary"
                disabled={busy !== null}
                onClick={() => void commit(false)}
              >
                {busy === 'importing' ? t('import.importing') : t('import.commit', { count: s.new })}
              </button>
            )}
            {s && s.invalid > 0 && s.new > 0 && (
              <>
                <label className="check">
                  <input type="checkbox" checked={acceptSkip} onChange={(e) => setAcceptSkip(e.target.checked)} />
                  {t('import.confirmValid', { invalid: s.invalid })}
                </label>
                <button
                  type="button"
                  className="button"
                  disabled={!acceptSkip || busy !== null}
                  onClick={() => void commit(true)}
                >
                  {t('import.commitValid', { count: s.new })}
                </button>
              </>
            )}
          </div>
          <ImportRows preview={preview} />
        </>
      )}
    </section>
  );
}
