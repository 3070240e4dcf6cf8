import { inviteUserSchema, ROLES, type Invitation, type TeamRow } from '@lastmile/domain';
import { useState } from 'react';
import { roleKey, useT } from '../../i18n/index.ts';
import { useServerForm } from '../../ui/forms/form-errors.ts';
import { OfficeForm } from '../../ui/forms/office-form.tsx';
import { SelectField, TextField } from '../../ui/forms/text-field.tsx';
import { adminApi } from './admin-api.ts';

/** Name, email, role and team of a new person; the server answers with their one-time link. */
export function InviteForm({ teams, onInvited }: { teams: readonly TeamRow[]; onInvited: (i: Invitation) => void }) {
  const t = useT();
  const form = useServerForm();
  const [v, setV] = useState({ name: '', email: '', role: 'technician', teamId: '' });
  const input = { name: v.name, email: v.email, role: v.role, teamId: v.teamId === '' ? null : v.teamId };
  return (
    <OfficeForm
      form={form}
      submitLabel={t('admin.invite.submit')}
      onSubmit={() =>
        void form
          .submit(inviteUserSchema, input, (body) => adminApi.invite(body))
          .then((invitation) => invitation && onInvited(invitation))
      }
    >
      <h2>{t('admin.invite.title')}</h2>
      <TextField
        label={t('admin.person.name')}
        autoComplete="off"
        value={v.name}
        error={form.errors['name']}
        onChange={(name) => setV({ ...v, name })}
      />
      <TextField
        label={t('admin.person.email')}
        type="email"
        autoComplete="off"
        value={v.email}
        error={form.errors['email']}
        onChange={(email) => setV({ ...v, email })}
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
    </OfficeForm>
  );
}
