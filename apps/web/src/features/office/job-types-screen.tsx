import { jobTypeInputSchema, type JobTypeRow } from '@lastmile/domain';
import { useId, useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { useServerForm } from '../../ui/forms/form-errors.ts';
import { officeApi } from './office-api.ts';
import { OfficeForm } from '../../ui/forms/office-form.tsx';
import { OfficeNav } from './office-nav.tsx';
import './office.css';
import { TextField } from '../../ui/forms/text-field.tsx';
import { useReferenceRows } from './use-reference-rows.ts';

export function JobTypesScreen() {
  const t = useT();
  const ids = useId();
  const refs = useReferenceRows();
  const [editing, setEditing] = useState<JobTypeRow | 'new' | null>(null);
  return (
    <section className="office" aria-labelledby={`${ids}-h`}>
      <OfficeNav />
      <h1 id={`${ids}-h`}>{t('office.jobTypes.title')}</h1>
      <div className="office-columns">
        <div>
          <button type="button" className="button" onClick={() => setEditing('new')}>
            {t('office.jobTypes.new')}
          </button>
          {refs?.jobTypes.length === 0 && <EmptyState>{t('office.jobTypes.empty')}</EmptyState>}
          <ul className="office-list">
            {(refs?.jobTypes ?? []).map((jt) => (
              <li key={jt.id}>
                <span>
                  <strong>{jt.name}</strong>
                  <span className="jobs-table__sub">
                    {t('office.jobTypes.summary', {
                      minutes: jt.defaultDurationMinutes,
                      fields: jt.keyFields.join(', ') || t('office.jobTypes.noKeyFields'),
                    })}
                  </span>
                </span>
                <button
                  type="button"
                  className="button button--ghost"
                  aria-label={t('office.jobTypes.edit', { name: jt.name })}
                  onClick={() => setEditing(jt)}
                >
                  {t('office.table.edit')}
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div>
          {editing && (
            <JobTypeForm
              key={editing === 'new' ? 'new' : editing.id}
              jobType={editing === 'new' ? null : editing}
              onSaved={() => setEditing(null)}
            />
          )}
        </div>
      </div>
    </section>
  );
}

function JobTypeForm({ jobType, onSaved }: { jobType: JobTypeRow | null; onSaved: () => void }) {
  const t = useT();
  const form = useServerForm();
  const [v, setV] = useState({
    name: jobType?.name ?? '',
    minutes: String(jobType?.defaultDurationMinutes ?? 60),
    keyFields: jobType?.keyFields.join(', ') ?? '',
  });
  const input = {
    name: v.name,
    defaultDurationMinutes: v.minutes.trim() === '' ? Number.NaN : Number(v.minutes),
    keyFields: v.keyFields
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
  };
  return (
    <OfficeForm
      form={form}
      submitLabel={t('office.jobTypes.save')}
      onSubmit={() =>
        void form
          .submit(jobTypeInputSchema, input, (body) =>
            jobType ? officeApi.updateJobType(jobType.id, body) : officeApi.createJobType(body),
          )
          .then((row) => row && onSaved())
      }
    >
      <h2>{jobType ? t('office.jobTypes.edit', { name: jobType.name }) : t('office.jobTypes.new')}</h2>
      <TextField
        label={t('office.jobTypes.name')}
        value={v.name}
        error={form.errors['name']}
        onChange={(name) => setV({ ...v, name })}
      />
      <TextField
        label={t('office.jobTypes.duration')}
        inputMode="numeric"
        value={v.minutes}
        error={form.errors['defaultDurationMinutes']}
        onChange={(minutes) => setV({ ...v, minutes })}
      />
      <TextField
        label={t('office.jobTypes.keyFields')}
        hint={t('office.jobTypes.keyFieldsHint')}
        value={v.keyFields}
        error={form.errors['keyFields']}
        onChange={(keyFields) => setV({ ...v, keyFields })}
      />
      <p className="field__hint">{t('office.jobTypes.template')}</p>
    </OfficeForm>
  );
}
