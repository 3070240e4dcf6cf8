import { parseDefinition, type TemplateDefinition } from '@lastmile/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { ApiError, NetworkError } from '../../../app/api.ts';
import { Link } from 'react-router';
import { serverMessage, useT } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { fieldDomId } from '../fill/answers.ts';
import { issueKey } from './builder-ops.ts';
import { JobTypeRules } from './job-type-rules.tsx';
import { TemplatePreview } from './template-preview.tsx';
import { templateApi, type TemplateDetail } from './template-api.ts';
import { TemplateEditor } from './template-editor.tsx';
import { VersionHistory } from './version-history.tsx';
import './builder.css';

export function TemplateScreen({ templateId }: { templateId: string }) {
  const t = useT();
  const detail = useQuery({
    queryKey: ['form-templates', templateId],
    queryFn: ({ signal }) => templateApi.get(templateId, signal),
  });
  return (
    <section className="builder" aria-labelledby="builder-title">
      <Link className="job__back" to="/templates">
        {t('builder.back')}
      </Link>
      {detail.isPending ? (
        <p>{t('builder.loading')}</p>
      ) : detail.isError ? (
        <EmptyState>{detail.error instanceof NetworkError ? t('builder.offline') : detail.error.message}</EmptyState>
      ) : (
        <TemplateWorkspace key={detail.data.id} detail={detail.data} />
      )}
    </section>
  );
}

type Problem = { key: string | null; message: string };

function TemplateWorkspace({ detail }: { detail: TemplateDetail }) {
  const t = useT();
  const id = useId();
  const client = useQueryClient();
  const [name, setName] = useState(detail.name);
  const [definition, setDefinition] = useState<TemplateDefinition>(detail.draft);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [openKey, setOpenKey] = useState<string | null>(null);
  const [latestVersion, setLatestVersion] = useState(detail.latestVersion);
  // The draft as this editor last loaded or saved it: another office person's save since is refused, not overwritten.
  const [base, setBase] = useState(detail.updatedAt);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const edit = (next: TemplateDefinition) => {
    setDefinition(next);
    setDirty(true);
    setStatus(null);
  };

  function fail(e: unknown, fallbackTitle: string) {
    if (e instanceof ApiError && e.issues.length > 0) {
      setProblems(e.issues.map((issue) => ({ key: issueKey(definition, issue.path), message: issue.message })));
      setStatus(fallbackTitle);
    } else {
      setProblems([]);
      setStatus(
        e instanceof ApiError ? serverMessage(e.detail, e.message) : e instanceof Error ? e.message : String(e),
      );
    }
  }

  /** Saves the draft; returns its new `updatedAt`, or null when it was not saved. */
  async function save(): Promise<string | null> {
    setBusy(true);
    try {
      const saved = await templateApi.saveDraft(detail.id, name.trim() || detail.name, definition, base);
      setBase(saved.updatedAt);
      setDirty(false);
      setProblems([]);
      setStatus(t('builder.saved'));
      await client.invalidateQueries({ queryKey: ['form-templates'] });
      return saved.updatedAt;
    } catch (e) {
      fail(e, t('builder.publishProblems', { count: e instanceof ApiError ? e.issues.length : 0 }));
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function publish() {
    const seen = dirty ? await save() : base;
    if (seen === null) return;
    setBusy(true);
    try {
      const published = await templateApi.publish(detail.id, seen);
      setLatestVersion(published.version);
      setProblems([]);
      setStatus(t('builder.published', { version: published.version }));
      await client.invalidateQueries({ queryKey: ['form-templates'] });
    } catch (e) {
      fail(e, t('builder.publishProblems', { count: e instanceof ApiError ? e.issues.length : 0 }));
    } finally {
      setBusy(false);
    }
  }

  const errors: Record<string, string> = {};
  for (const p of problems) if (p.key) errors[p.key] ??= p.message;

  return (
    <>
      <header className="builder-header">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('builder.name')}</label>
          <input
            id={`${id}-name`}
            className="builder-header__name"
            value={name}
            maxLength={200}
            onChange={(e) => {
              setName(e.target.value);
              setDirty(true);
            }}
          />
        </div>
        <h1 id="builder-title" className="visually-hidden">
          {name}
        </h1>
        <p className="builder__muted">
          {latestVersion ? t('builder.status.published', { version: latestVersion }) : t('builder.status.never')}
          {dirty ? ` · ${t('builder.unsaved')}` : ''}
        </p>
        <div className="builder-actions">
          <button type="button" className="button button--ghost" disabled={busy || !dirty} onClick={() => void save()}>
            {busy ? t('builder.saving') : t('builder.save')}
          </button>
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void publish()}>
            {t('builder.publish')}
          </button>
        </div>
        <div role="status" aria-live="polite" data-testid="builder-status">
          {status && <p className={problems.length ? 'form-error' : 'notice notice--info'}>{status}</p>}
          {problems.length > 0 && (
            <ul className="builder-problems">
              {problems.map((p, i) => (
                <li key={i}>
                  {p.key ? (
                    <a
                      href={`#${fieldDomId(p.key, 'b')}`}
                      onClick={(event) => {
                        event.preventDefault();
                        setOpenKey(p.key);
                        requestAnimationFrame(() => {
                          const el = document.getElementById(fieldDomId(p.key!, 'b'));
                          el?.scrollIntoView({ block: 'center' });
                          el?.focus();
                        });
                      }}
                    >
                      {p.message}
                    </a>
                  ) : (
                    p.message
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      </header>
      <div className="builder-workspace">
        <TemplateEditor
          definition={definition}
          onChange={edit}
          errors={errors}
          openKey={openKey}
          onOpenKey={setOpenKey}
        />
        <TemplatePreview definition={definition} />
      </div>
      <details className="builder-panel">
        <summary>{t('builder.tab.history')}</summary>
        <VersionHistory templateId={detail.id} />
      </details>
      <details className="builder-panel">
        <summary>{t('builder.tab.rules')}</summary>
        <JobTypeRules templateId={detail.id} definition={definition} />
      </details>
      <details className="builder-panel">
        <summary>{t('builder.tab.share')}</summary>
        <ShareTemplate templateId={detail.id} onImport={edit} />
      </details>
    </>
  );
}

function ShareTemplate({ templateId, onImport }: { templateId: string; onImport: (d: TemplateDefinition) => void }) {
  const t = useT();
  const id = useId();
  const [message, setMessage] = useState<string | null>(null);

  async function importFile(file: File) {
    try {
      const json: unknown = JSON.parse(await file.text());
      // An exported file is {name, definition}; a bare definition is accepted too.
      const body = json && typeof json === 'object' && 'definition' in json ? json.definition : json;
      const parsed = parseDefinition(body);
      if (!parsed.ok) {
        const reason = parsed.issues
          .map((i) => `${i.path}: ${i.message}`)
          .slice(0, 3)
          .join('; ');
        setMessage(t('builder.importInvalid', { reason }));
        return;
      }
      onImport(parsed.definition);
      setMessage(t('builder.importDone'));
    } catch (error) {
      setMessage(t('builder.importInvalid', { reason: error instanceof Error ? error.message : String(error) }));
    }
  }

  return (
    <div className="builder-share">
      <a
        className="button button--ghost"
        href={`/api/form-templates/${encodeURIComponent(templateId)}/export`}
        download
      >
        {t('builder.export')}
      </a>
      <div className="field">
        <label htmlFor={`${id}-import`}>{t('builder.import')}</label>
        <input
          id={`${id}-import`}
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importFile(file);
          }}
        />
      </div>
      {message && (
        <p role="status" className="notice notice--info">
          {message}
        </p>
      )}
    </div>
  );
}
