import type { ImportPreview } from '@lastmile/domain';
import { useState } from 'react';
import { useT } from '../../i18n/index.ts';

/** The preview, one row per line of the file; rows with errors first-class, valid ones on request. */
export function ImportRows({ preview }: { preview: ImportPreview }) {
  const t = useT();
  const hasErrors = preview.summary.invalid > 0;
  const [onlyErrors, setOnlyErrors] = useState(hasErrors);
  const rows = onlyErrors ? preview.rows.filter((r) => r.outcome === 'invalid') : preview.rows;
  return (
    <>
      {hasErrors && (
        <button type="button" className="button button--ghost" onClick={() => setOnlyErrors((v) => !v)}>
          {onlyErrors ? t('import.showAll', { count: preview.rows.length }) : t('import.showErrors')}
        </button>
      )}
      <table className="jobs-table import-table" role="table">
        <caption>{t('import.rowsCaption')}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">
              {t('import.col.line')}
            </th>
            <th scope="col" role="columnheader">
              {t('import.col.ref')}
            </th>
            <th scope="col" role="columnheader">
              {t('import.col.title')}
            </th>
            <th scope="col" role="columnheader">
              {t('import.col.outcome')}
            </th>
            <th scope="col" role="columnheader">
              {t('import.col.problems')}
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((row) => (
            <tr key={row.line} role="row" className={row.outcome === 'invalid' ? 'import-table__invalid' : undefined}>
              <th scope="row" role="rowheader" data-label={t('import.col.line')}>
                {row.line}
              </th>
              <td role="cell" data-label={t('import.col.ref')}>
                {row.externalRef}
              </td>
              <td role="cell" data-label={t('import.col.title')}>
                {row.title}
              </td>
              <td role="cell" data-label={t('import.col.outcome')}>
                {t(`import.outcome.${row.outcome}`)}
                {row.createsCustomer && <span className="jobs-table__sub">{t('import.createsCustomer')}</span>}
                {row.createsSite && <span className="jobs-table__sub">{t('import.createsSite')}</span>}
              </td>
              <td role="cell" data-label={t('import.col.problems')}>
                {row.errors.length > 0 && (
                  <ul className="import-table__errors">
                    {row.errors.map((e) => (
                      <li key={`${e.column}|${e.message}`}>
                        <strong>{e.column || t('import.rowProblem')}</strong>: {e.message}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
