import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { NetworkError } from '../../../app/api.ts';
import { Link, useNavigate } from 'react-router';
import { formatDay, useT } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { templateApi } from './template-api.ts';
import './builder.css';

/** `/templates`: the office's list of form templates, and a new one by name. */
export function TemplatesScreen() {
  const t = useT();
  const navigate = useNavigate();
  const id = useId();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['form-templates'], queryFn: ({ signal }) => templateApi.list(signal) });
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (newName: string) =>
      templateApi.create(newName, {
        sections: [
          { key: 'general', title: t('builder.section.newTitle', { number: 1 }), visibleWhen: null, fields: [] },
        ],
      }),
    onSuccess: async (created) => {
      await client.invalidateQueries({ queryKey: ['form-templates'] });
      void navigate(`/templates/${created.id}`);
    },
    onError: (e: Error) => setError(e.message),
  });

  return (
    <section className="builder" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('builder.title')}</h1>
      <p className="builder__muted">{t('builder.intro')}</p>
      <form
        className="builder-create"
        onSubmit={(event) => {
          event.preventDefault();
          if (!name.trim()) return setError(t('builder.nameRequired'));
          setError(null);
          create.mutate(name.trim());
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('builder.createName')}</label>
          <input id={`${id}-name`} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {t('builder.createSubmit')}
        </button>
      </form>
      <p className="form-error" role="alert">
        {error ?? ''}
      </p>
      {list.isPending ? (
        <p>{t('builder.loading')}</p>
      ) : list.isError ? (
        <EmptyState>{list.error instanceof NetworkError ? t('builder.offline') : list.error.message}</EmptyState>
      ) : list.data.templates.length === 0 ? (
        <EmptyState>{t('builder.none')}</EmptyState>
      ) : (
        <ul className="builder-list">
          {list.data.templates.map((template) => (
            <li key={template.id}>
              <Link to={`/templates/${template.id}`}>{template.name}</Link>
              <span className="builder__muted">
                {template.latestVersion
                  ? t('builder.status.published', { version: template.latestVersion })
                  : t('builder.status.never')}
                {template.hasDraftChanges ? ` · ${t('builder.status.draft')}` : ''} · {formatDay(template.updatedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
