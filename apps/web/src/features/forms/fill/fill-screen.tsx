import { formResponseIdFor, jobFormsRefusal, newId, type SessionInfo } from '@lastmile/domain';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatDay, formatTime, useT } from '../../../i18n/index.ts';
import { useAppDb } from '../../../local-db/app-db-context.tsx';
import { ReviewNotesContext, SendBackNotice, useReviewNotes } from '../../../jobs/review-notes.tsx';
import { useSync } from '../../../sync/sync-context.tsx';
import { EmptyState } from '../../../ui/empty-state.tsx';
import type { JobView } from '../../../jobs/job-queries.ts';
import { refusalMessage } from '../../../sync/refusal.ts';
import { useJobView } from '../../../jobs/use-job.ts';
import { entryFieldKey, validateSubmission, type Field, type SubmissionProblem } from '@lastmile/domain';
import { answerMetas } from './answer-metas.ts';
import { useJobPeople, withJobPeople } from '../../../jobs/use-job-people.ts';
import { entryFieldDomId, fieldDomId, type Answers, type AnswerValue } from './answers.ts';
import { FormView, type FormViewHandle } from './form-view.tsx';
import { FormPhotoContext } from './form-photos.tsx';
import { NewerVersionBanner } from './newer-version-banner.tsx';
import { mergeAnswers, settledOverrides } from './overrides.ts';
import { requiredFieldsOf, useFormData, type FormData } from './use-form-data.ts';
import './forms.css';

export function FillScreen({ session, jobId }: { session: SessionInfo; jobId: string }) {
  const t = useT();
  const db = useAppDb();
  const view = useJobView(db, jobId);
  const data = useFormData(db, jobId, view?.jobType);
  const back = (
    <Link className="job__back" to={`/jobs/${jobId}`}>
      {t('forms.back')}
    </Link>
  );
  if (view === undefined || data === undefined) return <p className="home__loading">{t('forms.loading')}</p>;
  if (view === null) return <EmptyState>{t('job.notFound')}</EmptyState>;
  if (!data.version) {
    return (
      <section className="form-fill" aria-labelledby="form-title">
        {back}
        <h1 id="form-title">{t('forms.title')}</h1>
        <EmptyState>{t(view.jobType?.templateId ? 'forms.notPublished' : 'forms.noTemplate')}</EmptyState>
      </section>
    );
  }
  return (
    <section className="form-fill" aria-labelledby="form-title">
      {back}
      <FormFill session={session} view={view} data={data as FormData & { version: NonNullable<FormData['version']> }} />
    </section>
  );
}

type FillProps = {
  session: SessionInfo;
  view: JobView;
  data: FormData & { version: NonNullable<FormData['version']> };
};

function FormFill({ session, view, data }: FillProps) {
  const t = useT();
  const sync = useSync();
  const formRef = useRef<FormViewHandle>(null);
  const { response, version } = data;
  const db = useAppDb();
  const reviewNotes = useReviewNotes(db, view.job.id, response?.id ?? null);
  // The response, or the promise of starting it on the first answer (one start, however fast the person types).
  const responseId = useRef<Promise<string> | null>(null);
  const existingId = response?.id ?? null;
  const [overrides, setOverrides] = useState<Answers>({});
  const [problems, setProblems] = useState<SubmissionProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const problemsRef = useRef<HTMLDivElement>(null);

  const stored = useMemo(() => {
    const answers: Record<string, AnswerValue | null> = {};
    for (const row of data.answers) answers[row.fieldKey] = row.value;
    return answers;
  }, [data.answers]);
  // What the person just typed shows at once; it gives way once IndexedDB has it.
  const [seen, setSeen] = useState(stored);
  if (seen !== stored) {
    setSeen(stored);
    setOverrides(settledOverrides(overrides, stored));
  }
  const answers = useMemo(() => mergeAnswers(stored, overrides), [stored, overrides]);

  const reviewer = session.user.role !== 'technician';
  // Who answered before a handoff from another team is named by the server while online (ADR 0051).
  const named = useJobPeople(
    view.job.id,
    data.answers.filter((a) => !data.users.has(a.answeredBy)).map((a) => a.answeredBy),
  );
  const metas = useMemo(
    () => answerMetas(data.answers, withJobPeople(data.users, named), reviewer, t),
    [data.answers, data.users, named, t, reviewer],
  );

  const required = useMemo(() => new Set(requiredFieldsOf(view.jobType)), [view.jobType]);
  const closed = jobFormsRefusal(view.job);
  const readOnly = response?.status === 'submitted' || closed !== null;

  /** The form's id, starting it on first use (an answer, a photo): one start, however fast the person goes. */
  const ensureResponse = useCallback(async (): Promise<string> => {
    if (existingId) responseId.current = Promise.resolve(existingId);
    else if (!responseId.current) {
      // The same id on every phone for this job and template: two people starting it offline share one form.
      const id = formResponseIdFor(view.job.id, version.templateId);
      responseId.current = sync.mutate('startForm', { id, jobId: view.job.id, templateVersionId: version.id }).then(
        () => id,
        (e: unknown) => {
          responseId.current = null;
          throw e;
        },
      );
    }
    return responseId.current;
  }, [existingId, sync, version.id, version.templateId, view.job.id]);

  // Every change is one setAnswer at once (no debounce, nothing to flush on pagehide): the
  // optimistic write lands in IndexedDB within milliseconds, and pushes are batched by the loop.
  const onChange = useCallback(
    (key: string, value: AnswerValue | null) => {
      setOverrides((current) => ({ ...current, [key]: value }));
      setProblems((current) => (current.length ? current.filter((p) => p.fieldKey !== key) : current));
      void (async () => {
        try {
          const id = await ensureResponse();
          await sync.mutate('setAnswer', {
            responseId: id,
            fieldKey: key,
            value,
            capturedAt: new Date().toISOString(),
          });
          setError(null);
        } catch (e) {
          setError(refusalMessage(e, t('forms.error.unexpected')));
        }
      })();
    },
    [ensureResponse, sync, t],
  );

  const photoTarget = useMemo(
    () => ({ jobId: view.job.id, userId: session.user.id, ensureResponse }),
    [view.job.id, session.user.id, ensureResponse],
  );

  const onRaiseItem = useCallback(
    (field: Field) => {
      const title = field.label.slice(0, 200);
      sync
        .mutate('addOutstandingItem', {
          id: newId(),
          title,
          description: t('forms.itemDescription', { label: field.label, number: view.job.number }),
          jobId: view.job.id,
          siteId: view.job.siteId,
          ownerId: session.user.id,
          dueDate: null,
          priority: 'normal',
        })
        .then(
          () => setNotice(t('forms.raised', { title })),
          (e: unknown) => setError(refusalMessage(e, t('forms.error.unexpected'))),
        );
    },
    [session.user.id, sync, t, view.job],
  );

  async function submit() {
    const found = validateSubmission(version.definition, answers, { requiredFields: [...required] });
    setProblems(found);
    if (found.length > 0) {
      requestAnimationFrame(() => problemsRef.current?.focus());
      return;
    }
    const id = existingId ?? (responseId.current ? await responseId.current : null);
    if (!id) return;
    try {
      await sync.mutate('submitForm', { responseId: id });
      setError(null);
    } catch (e) {
      setError(refusalMessage(e, t('forms.error.unexpected')));
    }
  }

  const errors = useMemo(() => {
    const out: Record<string, string> = {};
    for (const p of problems) {
      out[p.fieldKey] ??= p.message;
      // A group child's problem also shows next to that child, in its entry.
      if (p.entry !== undefined && p.childKey !== undefined)
        out[entryFieldKey(p.fieldKey, p.entry, p.childKey)] ??= p.message;
    }
    return out;
  }, [problems]);

  return (
    <>
      <header className="job__header">
        <p className="job__number">
          {t('job.number', { number: view.job.number })} · {t('forms.version', { version: version.version })}
        </p>
        <h1 id="form-title">{version.name}</h1>
      </header>
      {view.job.status === 'sent_back' && <SendBackNotice db={db} jobId={view.job.id} />}
      {response && !readOnly && data.latest && data.latest.version > version.version && (
        <NewerVersionBanner responseId={response.id} current={version} latest={data.latest} answers={answers} />
      )}
      {closed && (
        <p className="notice notice--info" role="status">
          {closed.message}
        </p>
      )}
      {!closed && readOnly && response && (
        <p className="notice notice--info" role="status">
          {response.submittedAt
            ? t('forms.submitted', { when: `${formatDay(response.submittedAt)} ${formatTime(response.submittedAt)}` })
            : t('forms.submittedQueued')}
        </p>
      )}
      {problems.length > 0 && (
        <div className="form-fill__problems" ref={problemsRef} tabIndex={-1} role="alert" data-testid="form-problems">
          <p>{t('forms.problemsTitle', { count: problems.length })}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={`${p.fieldKey}-${i}`}>
                <a
                  href={`#${p.entry !== undefined && p.childKey !== undefined ? entryFieldDomId(p.fieldKey, p.entry, p.childKey) : fieldDomId(p.fieldKey)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    formRef.current?.reveal(p);
                  }}
                >
                  {p.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <FormPhotoContext value={photoTarget}>
        <ReviewNotesContext value={reviewNotes}>
          <FormView
            ref={formRef}
            definition={version.definition}
            answers={answers}
            metas={metas}
            onChange={onChange}
            keyFields={view.jobType?.keyFields ?? []}
            requiredKeys={required}
            readOnly={readOnly}
            errors={errors}
            onRaiseItem={onRaiseItem}
          />
        </ReviewNotesContext>
      </FormPhotoContext>
      <p className="form-error" role="alert">
        {error ?? ''}
      </p>
      {notice && (
        <p className="notice notice--info" role="status">
          {notice}
        </p>
      )}
      {!readOnly && (
        <button type="button" className="button button--primary form-fill__submit" onClick={() => void submit()}>
          {t('forms.submit')}
        </button>
      )}
    </>
  );
}
