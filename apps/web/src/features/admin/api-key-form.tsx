import { apiKeyInputSchema, type CreatedApiKey } from '@lastmile/domain';
import { useId, useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { useServerForm } from '../../ui/forms/form-errors.ts';
import { OfficeForm } from '../../ui/forms/office-form.tsx';
import { TextField } from '../../ui/forms/text-field.tsx';
import { adminApi, adminKeys, useRefreshAdmin } from './admin-api.ts';

type Access = 'read' | 'write';

/** The end of the chosen day where the admin is: a key "expiring on the 31st" works all that day. */
function endOfDay(day: string): string | null {
  return day ? new Date(`${day}T23:59:59.999`).toISOString() : null;
}

/** A new API key: a name to recognise it by, read or read-and-write, an optional last day. */
export function ApiKeyForm({ onCreated }: { onCreated: (created: CreatedApiKey) => void }) {
  const t = useT();
  const id = useId();
  const form = useServerForm();
  const refresh = useRefreshAdmin();
  const [name, setName] = useState('');
  const [access, setAccess] = useState<Access>('read');
  const [expires, setExpires] = useState('');

  const submit = async () => {
    const input = {
      name,
      scopes: access === 'write' ? ['read', 'write'] : ['read'],
      expiresAt: endOfDay(expires),
    };
    const created = await form.submit(apiKeyInputSchema, input, (body) => adminApi.createApiKey(body));
    if (!created) return;
    setName('');
    setExpires('');
    await refresh(adminKeys.apiKeys);
    onCreated(created);
  };

  return (
    <OfficeForm form={form} submitLabel={t('admin.apiKeys.create')} onSubmit={() => void submit()}>
      <h2>{t('admin.apiKeys.new')}</h2>
      <TextField
        label={t('admin.apiKeys.name')}
        hint={t('admin.apiKeys.nameHint')}
        required
        value={name}
        error={form.errors['name']}
        onChange={setName}
      />
      <fieldset className="admin-choices">
        <legend>{t('admin.apiKeys.access')}</legend>
        {(['read', 'write'] as const).map((value) => (
          <div key={value} className="admin-choice">
            <label>
              <input
                type="radio"
                name={`${id}-access`}
                value={value}
                checked={access === value}
                aria-describedby={`${id}-${value}-hint`}
                onChange={() => setAccess(value)}
              />
              {t(value === 'read' ? 'admin.apiKeys.read' : 'admin.apiKeys.write')}
            </label>
            <span id={`${id}-${value}-hint`} className="field__hint">
              {t(value === 'read' ? 'admin.apiKeys.readHint' : 'admin.apiKeys.writeHint')}
            </span>
          </div>
        ))}
      </fieldset>
      <TextField
        label={t('admin.apiKeys.expires')}
        hint={t('admin.apiKeys.expiresHint')}
        type="date"
        value={expires}
        error={form.errors['expiresAt']}
        onChange={setExpires}
      />
    </OfficeForm>
  );
}
