import { adminUserUpdateSchema, ROLES, type AdminPerson, type AdminUserUpdate, type TeamRow } from '@lastmile/domain';
import { useState } from 'react';
import { roleKey, useT } from '../../i18n/index.ts';
import { useServerForm } from '../../ui/forms/form-errors.ts';
import { OfficeForm } from '../../ui/forms/office-form.tsx';
import { SelectField, TextField } from '../../ui/forms/text-field.tsx';
import { adminApi } from './admin-api.ts';
import { withJobsMoved } from './jobs-moved.ts';

/** Only what changed is sent: the server refuses an admin's own role even when it is unchanged. */
function changes(person: AdminPerson, v: { name: string; role: string; teamId: string }): Record<string, unknown> {
  const teamId = v.teamId === '' ? null : v.teamId;
  return {
    ...(v.name !== person.name ? { name: v.name } : {}),
    ...(v.role !== person.role ? { role: v.role } : {}),
    ...(teamId !== person.teamId ? { teamId } : {}),
  };
}

/**
 * An admin edits a person's name, role and team. Moving them re-scopes their devices at the next
 * sync, and their open jobs go with them: the form says how many.
 */
export function PersonForm({
  person,
  teams,
  onSaved,
}: {
  person: AdminPerson;
  teams: readonly TeamRow[];
  onSaved: () => void;
}) {
  const t = useT();
  const form = useServerForm();
  const [v, setV] = useState<Record<'name' | 'role' | 'teamId', string>>({
    name: person.name,
    role: person.role,
    teamId: person.teamId ?? '',
  });
  return (
    <OfficeForm
      form={form}
      submitLabel={t('admin.person.save')}
      onSubmit={() => {
        const diff = changes(person, v);
        if (Object.keys(diff).length === 0) {
          form.setMessage(t('admin.person.unchanged'));
          return;
        }
        void form
          .submit(adminUserUpdateSchema, diff, (body: AdminUserUpdate) => adminApi.updatePerson(person.id, body))
          .then((row) => {
            if (!row) return;
            const team = teams.find((tm) => tm.id === row.teamId)?.name ?? '';
            form.setMessage(withJobsMoved(t, t('office.form.saved'), row, team));
            onSaved();
          });
      }}
    >
      <h2>{t('admin.person.editTitle', { name: person.name })}</h2>
      <p className="field__hint">{person.email}</p>
      <TextField
        label={t('admin.person.name')}
        value={v.name}
        error={form.errors['name']}
        onChange={(name) => setV({ ...v, name })}
      />
      <SelectField
        label={t('admin.person.role')}
        value={v.role}
        error={form.errors['role']}
        options={ROLES.map((role) => ({ value: role, label: t(roleKey(role)) }))}
        onChange={(role) => setV({ ...v, role })}
      />
      <SelectField
        label={t('admin.person.team')}
        value={v.teamId}
        error={form.errors['teamId']}
        options={[
          { value: '', label: t('admin.person.noTeam') },
          ...teams.map((tm) => ({ value: tm.id, label: tm.name })),
        ]}
        onChange={(teamId) => setV({ ...v, teamId })}
      />
      <p className="field__hint">{t('admin.person.teamHint')}</p>
    </OfficeForm>
  );
}
