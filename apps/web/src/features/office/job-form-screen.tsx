import { AppError, mutatorArgs, newId, PRIORITIES, updateJobArgs, type JobRow } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { priorityKey, useT } from '../../i18n/index.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { useSync } from '../../sync/sync-context.tsx';
import { toFieldErrors, type FieldErrors } from '../../ui/forms/form-errors.ts';
import { addMinutes, argsOf, EMPTY_JOB_FORM, FIELD_OF_ARG, valuesOf, type JobFormValues } from './job-form-values.ts';
import { CustomerPicker } from './customer-picker.tsx';
import { OfficeNav } from './office-nav.tsx';
import './office.css';
import { SelectField, TextField } from '../../ui/forms/text-field.tsx';
import { useReferenceRows, useSitesOf } from './use-reference-rows.ts';

/** Route: /office/jobs/new and /office/jobs/:id/edit. Loads the job from this device for an edit. */
export function JobFormScreen({ jobId }: { jobId?: string }) {
  const t = useT();
  const db = useAppDb();
  const job = useLiveQuery(async () => (jobId ? ((await db.jobs.get(jobId)) ?? null) : null), [db, jobId]);
  if (jobId && job === undefined) return <p className="home__loading">{t('office.table.loading')}</p>;
  if (jobId && !job) {
    return (
      <section className="office">
        <OfficeNav />
        <p className="notice">{t('office.job.notOnDevice')}</p>
      </section>
    );
  }
  return <JobForm key={job?.id ?? 'new'} job={job ?? null} />;
}

/**
 * Creating and editing a job are sync mutations (createJob, updateJob): they apply on this
 * device at once, work offline, and the server checks them again when they arrive.
 */
function JobForm({ job }: { job: JobRow | null }) {
  const t = useT();
  const navigate = useNavigate();
  const ids = useId();
  const sync = useSync();
  const refs = useReferenceRows();
  const [values, setValues] = useState<JobFormValues>(() => (job ? valuesOf(job) : EMPTY_JOB_FORM));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const sites = useSitesOf(values.customerId);
  const started = job !== null && job.status !== 'scheduled';

  function set(patch: Partial<JobFormValues>) {
    setValues((v) => {
      const next = { ...v, ...patch };
      if (patch.customerId !== undefined && patch.customerId !== v.customerId) next.siteId = '';
      if (patch.assigneeId)
        next.teamId = refs?.fieldPeople.find((p) => p.id === patch.assigneeId)?.teamId ?? next.teamId;
      // A new job's end follows its type's default duration until someone sets the end.
      const type = refs?.jobTypes.find((jt) => jt.id === next.jobTypeId);
      if (
        !job &&
        type &&
        (patch.start !== undefined || patch.jobTypeId !== undefined) &&
        next.start &&
        (!v.end || v.end === addMinutes(v.start, type.defaultDurationMinutes))
      ) {
        next.end = addMinutes(next.start, type.defaultDurationMinutes);
      }
      return next;
    });
  }

  function fail(issues: readonly { path: string | readonly PropertyKey[]; message: string }[], summary: string) {
    const byArg = toFieldErrors(issues);
    setErrors(Object.fromEntries(Object.entries(byArg).map(([k, m]) => [FIELD_OF_ARG[k] ?? k, m])));
    setMessage(summary);
  }

  async function save() {
    const args = argsOf(values);
    setMessage(null);
    try {
      if (!job) {
        const parsed = mutatorArgs.createJob.safeParse({ id: newId(), ...args });
        if (!parsed.success) return fail(parsed.error.issues, t('office.job.fixErrors'));
        await sync.mutate('createJob', parsed.data);
      } else {
        const before = valuesOf(job);
        const beforeArgs = argsOf(before);
        const changed = Object.fromEntries(
          Object.entries(args).filter(([k, v]) => beforeArgs[k as keyof typeof beforeArgs] !== v),
        );
        const patch = {
          jobId: job.id,
          ...changed,
          ...('assigneeId' in changed ? { expectedAssigneeId: job.assigneeId } : {}),
        };
        const parsed = updateJobArgs.safeParse(patch);
        if (!parsed.success) return fail(parsed.error.issues, t('office.job.fixErrors'));
        await sync.mutate('updateJob', parsed.data);
      }
      setErrors({});
      void navigate('/');
    } catch (error) {
      if (error instanceof AppError) return fail(error.issues ?? [], error.message);
      setMessage(String(error));
    }
  }

  const choose = { value: '', label: t('office.job.choose') };
  const title = job ? t('office.job.editTitle', { number: job.number }) : t('office.job.newTitle');
  return (
    <section className="office" aria-labelledby={`${ids}-h`}>
      <OfficeNav />
      <h1 id={`${ids}-h`}>{title}</h1>
      <form
        className="office-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextField
          label={t('office.job.title')}
          value={values.title}
          error={errors['title']}
          onChange={(title) => set({ title })}
          required
        />
        <SelectField
          label={t('office.job.jobType')}
          value={values.jobTypeId}
          error={errors['jobTypeId']}
          onChange={(jobTypeId) => set({ jobTypeId })}
          options={[choose, ...(refs?.jobTypes ?? []).map((r) => ({ value: r.id, label: r.name }))]}
          required
        />
        <CustomerPicker
          label={t('office.job.customer')}
          value={values.customerId}
          error={errors['customerId']}
          onChange={(customerId) => set({ customerId })}
          required
        />
        <SelectField
          required
          label={t('office.job.site')}
          value={values.siteId}
          error={errors['siteId'] ?? (values.customerId && sites?.length === 0 ? t('office.job.noSites') : undefined)}
          onChange={(siteId) => set({ siteId })}
          options={[choose, ...(sites ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${s.address}` }))]}
        />
        <SelectField
          label={t('office.job.assignee')}
          value={values.assigneeId}
          error={errors['assigneeId'] ?? (started ? t('office.job.startedAssignee') : undefined)}
          disabled={started}
          onChange={(assigneeId) => set({ assigneeId })}
          options={[
            { value: '', label: t('office.job.unassigned') },
            ...(refs?.fieldPeople ?? []).map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
        <SelectField
          label={t('office.job.team')}
          value={values.teamId}
          error={errors['teamId']}
          disabled={values.assigneeId !== ''}
          onChange={(teamId) => set({ teamId })}
          options={[
            { value: '', label: t('office.job.noTeam') },
            ...(refs?.teams ?? []).map((r) => ({ value: r.id, label: r.name })),
          ]}
        />
        <SelectField
          label={t('office.job.priority')}
          value={values.priority}
          onChange={(p) => set({ priority: PRIORITIES.find((x) => x === p) ?? 'normal' })}
          options={PRIORITIES.map((p) => ({ value: p, label: t(priorityKey(p)) }))}
        />
        <TextField
          label={t('office.job.start')}
          type="datetime-local"
          value={values.start}
          error={errors['start']}
          onChange={(start) => set({ start })}
          required
        />
        <TextField
          label={t('office.job.end')}
          type="datetime-local"
          value={values.end}
          error={errors['end']}
          onChange={(end) => set({ end })}
          required
        />
        <TextField
          label={t('office.job.externalRef')}
          value={values.externalRef}
          error={errors['externalRef']}
          onChange={(externalRef) => set({ externalRef })}
        />
        <TextField
          label={t('office.job.notes')}
          multiline
          value={values.notes}
          error={errors['notes']}
          onChange={(notes) => set({ notes })}
        />
        {message && (
          <p className="form-error" role="alert">
            {message}
          </p>
        )}
        <button type="submit" className="button button--primary">
          {t('office.job.save')}
        </button>
      </form>
    </section>
  );
}
