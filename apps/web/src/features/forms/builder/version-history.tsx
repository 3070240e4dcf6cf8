import { diffDefinitions, EXPORT_URLS, type FormVersionRow, type UserRow } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { formatDay, formatTime, useT } from '../../../i18n/index.ts';
import { useAppDb } from '../../../local-db/app-db-context.tsx';

/** Published versions (who, when), newest first, and a readable diff of any version from its predecessor. */
export function VersionHistory({ templateId }: { templateId: string }) {
  const t = useT();
  const db = useAppDb();
  const data = useLiveQuery(async () => {
    const versions = await db
      .table<FormVersionRow, string>('formVersions')
      .where('templateId')
      .equals(templateId)
      .toArray();
    versions.sort((a, b) => b.version - a.version);
    const users = new Map(
      (await db.users.bulkGet([...new Set(versions.map((v) => v.publishedBy))]))
        .filter((u): u is UserRow => !!u)
        .map((u) => [u.id, u]),
    );
    return { versions, users };
  }, [db, templateId]);
  const [selected, setSelected] = useState<number | null>(null);
  if (!data) return null;
  if (data.versions.length === 0) return <p className="builder__muted">{t('builder.history.none')}</p>;
  return (
    <ol className="builder-history">
      {data.versions.map((v, i) => {
        const previous = data.versions[i + 1];
        const open = selected === v.version;
        const changes = open && previous ? diffDefinitions(previous.definition, v.definition) : [];
        return (
          <li key={v.id}>
            <p>
              {t('builder.history.entry', {
                version: v.version,
                by: data.users.get(v.publishedBy)?.name ?? '—',
                day: formatDay(v.publishedAt),
                time: formatTime(v.publishedAt),
              })}
            </p>
            <a
              className="button button--ghost"
              href={`${EXPORT_URLS.answers}?templateVersionId=${encodeURIComponent(v.id)}`}
              download
            >
              {t('reports.export.answers')}
            </a>
            {previous && (
              <button
                type="button"
                className="button button--ghost"
                aria-expanded={open}
                onClick={() => setSelected(open ? null : v.version)}
              >
                {t('builder.history.compare')}
              </button>
            )}
            {open && (
              <div className="builder-diff">
                <h3>{t('builder.history.diff', { from: previous!.version, to: v.version })}</h3>
                {changes.length === 0 ? (
                  <p>{t('builder.history.noDiff')}</p>
                ) : (
                  <ul>
                    {changes.map((c, j) => (
                      <li key={j} className={`builder-diff__${c.kind}`}>
                        {c.summary}
                        {c.details.length > 0 && (
                          <ul>
                            {c.details.map((d, k) => (
                              <li key={k}>{d}</li>
                            ))}
                          </ul>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
