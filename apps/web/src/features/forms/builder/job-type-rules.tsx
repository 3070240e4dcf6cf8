import { isAnswerable, MAX_FORM_KEY_FIELDS, type JobTypeRow, type TemplateDefinition } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { ApiError } from '../../../app/api.ts';
import { serverMessage, useT } from '../../../i18n/index.ts';
import { useAppDb } from '../../../local-db/app-db-context.tsx';
import { requiredFieldsOf } from '../fill/use-form-data.ts';
import { templateApi } from './template-api.ts';

/** Per job type: use this template, its 1–3 key fields and the fields it requires. */
export function JobTypeRules({ templateId, definition }: { templateId: string; definition: TemplateDefinition }) {
  const t = useT();
  const db = useAppDb();
  const jobTypes = useLiveQuery(() => db.jobTypes.toArray(), [db]);
  if (!jobTypes) return null;
  if (jobTypes.length === 0) return <p className="builder__muted">{t('builder.rules.none')}</p>;
  return (
    <div className="builder-rules">
      <p className="builder__muted">{t('builder.rules.intro')}</p>
      {jobTypes.map((jobType) => (
        <RulesForm key={jobType.id} jobType={jobType} templateId={templateId} definition={definition} />
      ))}
    </div>
  );
}

function rulesOf(jobType: JobTypeRow) {
  return {
    templateId: jobType.templateId,
    keyFields: jobType.keyFields,
    requiredFields: [...requiredFieldsOf(jobType)],
  };
}

function RulesForm({
  jobType,
  templateId,
  definition,
}: {
  jobType: JobTypeRow;
  templateId: string;
  definition: TemplateDefinition;
}) {
  const t = useT();
  const id = useId();
  // The rules this form started from (`base`) go with a save: someone else's change since is
  // refused, not overwritten. Until this person changes a box, the form follows the job type as it
  // replicates (another editor's save shows up here); `seen` is the replicated rules it last took.
  const live = rulesOf(jobType);
  const liveKey = JSON.stringify(live);
  const [shown, setShown] = useState({ seen: liveKey, base: live });
  const [dirty, setDirty] = useState(false);
  const [uses, setUses] = useState(jobType.templateId === templateId);
  const [keyFields, setKeyFields] = useState<string[]>(jobType.templateId === templateId ? jobType.keyFields : []);
  const [required, setRequired] = useState<string[]>(
    jobType.templateId === templateId ? [...requiredFieldsOf(jobType)] : [],
  );
  const [message, setMessage] = useState<string | null>(null);
  if (!dirty && shown.seen !== liveKey) {
    // Adjusting state to a changed prop during render (no effect, no flash of the old rules).
    const mine = live.templateId === templateId;
    setShown({ seen: liveKey, base: live });
    setUses(mine);
    setKeyFields(mine ? live.keyFields : []);
    setRequired(mine ? live.requiredFields : []);
  }
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setDirty(true);
      set(value);
    };
  const fields = definition.sections.flatMap((s) => s.fields).filter((f) => isAnswerable(f));
  const toggle = (list: string[], key: string, on: boolean) => (on ? [...list, key] : list.filter((k) => k !== key));

  async function save() {
    if (keyFields.length > MAX_FORM_KEY_FIELDS) return setMessage(t('builder.rules.keyLimit'));
    try {
      const rules = uses
        ? { templateId, keyFields, requiredFields: required }
        : { templateId: null, keyFields: [], requiredFields: [] };
      await templateApi.saveRules(jobType.id, { ...rules, base: shown.base });
      // The job type here changes once the save is pulled; until then the form keeps what was saved.
      setShown({ seen: shown.seen, base: rules });
      setDirty(false);
      setMessage(t('builder.rules.saved', { name: jobType.name }));
    } catch (e) {
      if (e instanceof ApiError && e.detail?.key === 'jobType.rulesChanged') {
        // Their rules replace this person's edits on the form as soon as they are on this device
        // (the pull that follows the other save), and the next save starts from them.
        setDirty(false);
        setShown({ seen: '', base: live });
        return setMessage(serverMessage(e.detail, e.message));
      }
      const issues = e instanceof ApiError ? e.issues.map((i) => i.message).join(' ') : '';
      setMessage(issues || (e instanceof Error ? e.message : String(e)));
    }
  }

  return (
    <form
      className="builder-rules__form"
      aria-labelledby={`${id}-name`}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3 id={`${id}-name`}>{jobType.name}</h3>
      <label className="check">
        <input type="checkbox" checked={uses} onChange={(e) => edit(setUses)(e.target.checked)} />
        {t('builder.rules.template')}
      </label>
      {uses && (
        <div className="builder-rules__grid">
          <fieldset>
            <legend>{t('builder.rules.keyFields')}</legend>
            {fields
              .filter((f) => f.type !== 'group')
              .map((f) => (
                <label key={f.key} className="check">
                  <input
                    type="checkbox"
                    checked={keyFields.includes(f.key)}
                    disabled={!keyFields.includes(f.key) && keyFields.length >= MAX_FORM_KEY_FIELDS}
                    onChange={(e) => edit(setKeyFields)(toggle(keyFields, f.key, e.target.checked))}
                  />
                  {f.label}
                </label>
              ))}
          </fieldset>
          <fieldset>
            <legend>{t('builder.rules.required')}</legend>
            {fields.map((f) => (
              <label key={f.key} className="check">
                <input
                  type="checkbox"
                  checked={f.required || required.includes(f.key)}
                  disabled={f.required}
                  onChange={(e) => edit(setRequired)(toggle(required, f.key, e.target.checked))}
                />
                {f.label}
              </label>
            ))}
          </fieldset>
        </div>
      )}
      <button type="submit" className="button button--primary">
        {t('builder.rules.save', { name: jobType.name })}
      </button>
      {message && (
        <p role="status" className="notice notice--info">
          {message}
        </p>
      )}
    </form>
  );
}
