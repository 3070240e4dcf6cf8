import { teamInputSchema, type AdminPerson, type TeamRow } from '@lastmile/domain';
import { useId, useState } from 'react';
import { roleKey, useT } from '../../i18n/index.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { useServerForm } from '../../ui/forms/form-errors.ts';
import { OfficeForm } from '../../ui/forms/office-form.tsx';
import { SelectField, TextField } from '../../ui/forms/text-field.tsx';
import { adminApi, adminKeys, usePeople, useRefreshAdmin, useTeams } from './admin-api.ts';
import { adminProblem } from './admin-errors.ts';
import { withJobsMoved } from './jobs-moved.ts';
import './admin.css';

/**
 * The organization's teams: create and rename them, make someone a team's lead, and move people
 * between teams (their phones pick up the team's jobs at their next sync; their open jobs move
 * with them, and the notice says how many). Admins change; the office sees who is where.
 */
export function TeamsScreen({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const ids = useId();
  const teams = useTeams();
  const people = usePeople();
  // A team's id, or 'new' while a team is being created.
  const [selected, setSelected] = useState<string | null>(null);
  const everyone = (people.data ?? []).filter((p) => p.active);
  const team = (teams.data ?? []).find((tm) => tm.id === selected) ?? null;
  return (
    <section className="office admin" aria-labelledby={`${ids}-h`}>
      <h1 id={`${ids}-h`}>{t('admin.teams.title')}</h1>
      <p className="office__intro">{canEdit ? t('admin.teams.intro') : t('admin.teams.readOnly')}</p>
      {teams.isError && (
        <p className="form-error" role="alert">
          {adminProblem(teams.error)}
        </p>
      )}
      <div className="office-columns">
        <div>
          {canEdit && (
            <button type="button" className="button button--primary" onClick={() => setSelected('new')}>
              {t('admin.teams.new')}
            </button>
          )}
          {teams.isSuccess && teams.data.length === 0 && <EmptyState>{t('admin.teams.none')}</EmptyState>}
          <ul className="office-list">
            {(teams.data ?? []).map((tm) => {
              const members = everyone.filter((p) => p.teamId === tm.id);
              const leads = members.filter((p) => p.role === 'lead').map((p) => p.name);
              return (
                <li key={tm.id}>
                  <button
                    type="button"
                    className="office-list__item"
                    aria-pressed={selected === tm.id}
                    onClick={() => setSelected(tm.id)}
                  >
                    <strong>{tm.name}</strong>
                    <span className="jobs-table__sub">
                      {t('admin.teams.summary', {
                        count: members.length,
                        leads: leads.join(', ') || t('admin.teams.noLead'),
                      })}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
        <div>
          {selected === 'new' && <TeamNameForm team={null} onSaved={(row) => setSelected(row.id)} />}
          {team && <TeamDetail key={team.id} team={team} people={everyone} canEdit={canEdit} />}
        </div>
      </div>
    </section>
  );
}

function TeamNameForm({ team, onSaved }: { team: TeamRow | null; onSaved: (row: TeamRow) => void }) {
  const t = useT();
  const form = useServerForm();
  const refresh = useRefreshAdmin();
  const [name, setName] = useState(team?.name ?? '');
  return (
    <OfficeForm
      form={form}
      submitLabel={team ? t('admin.teams.rename') : t('admin.teams.create')}
      onSubmit={() =>
        void form
          .submit(teamInputSchema, { name }, (body) =>
            team ? adminApi.renameTeam(team.id, body.name) : adminApi.createTeam(body.name),
          )
          .then(async (row) => {
            if (!row) return;
            await refresh(adminKeys.teams);
            onSaved(row);
          })
      }
    >
      {!team && <h2>{t('admin.teams.new')}</h2>}
      <TextField label={t('admin.teams.name')} value={name} error={form.errors['name']} onChange={setName} />
    </OfficeForm>
  );
}

function TeamDetail({ team, people, canEdit }: { team: TeamRow; people: AdminPerson[]; canEdit: boolean }) {
  const t = useT();
  const refresh = useRefreshAdmin();
  const members = people.filter((p) => p.teamId === team.id);
  const others = people.filter((p) => p.teamId !== team.id);
  const [lead, setLead] = useState('');
  const [adding, setAdding] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  /** `done`: the notice, or how to word it from the server's answer (the jobs that moved). */
  const act = async <R,>(work: () => Promise<R>, done: string | ((result: R) => string)) => {
    setProblem(null);
    setNotice(null);
    try {
      const result = await work();
      setNotice(typeof done === 'string' ? done : done(result));
      await refresh(adminKeys.people);
    } catch (error) {
      setProblem(adminProblem(error));
    }
  };
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? '';

  return (
    <section className="admin-team" aria-label={t('admin.teams.detail', { name: team.name })}>
      <h2>{team.name}</h2>
      {canEdit && <TeamNameForm team={team} onSaved={() => setNotice(t('admin.teams.renamed'))} />}
      <h3>{t('admin.teams.members', { count: members.length })}</h3>
      {members.length === 0 && <EmptyState>{t('admin.teams.noMembers')}</EmptyState>}
      <ul className="office-list">
        {members.map((m) => (
          <li key={m.id}>
            <span>
              {m.name} <span className="jobs-table__sub">{t(roleKey(m.role))}</span>
            </span>
            {canEdit && (
              <button
                type="button"
                className="button button--ghost"
                aria-label={t('admin.teams.removeLabel', { name: m.name })}
                onClick={() =>
                  void act(
                    () => adminApi.updatePerson(m.id, { teamId: null }),
                    t('admin.teams.removed', { name: m.name }),
                  )
                }
              >
                {t('admin.teams.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <>
          <form
            className="admin-inline"
            onSubmit={(e) => {
              e.preventDefault();
              if (adding)
                void act(
                  () => adminApi.updatePerson(adding, { teamId: team.id }),
                  (change) =>
                    withJobsMoved(
                      t,
                      t('admin.teams.added', { name: nameOf(adding), team: team.name }),
                      change,
                      team.name,
                    ),
                ).then(() => setAdding(''));
            }}
          >
            <SelectField
              label={t('admin.teams.addPerson')}
              value={adding}
              onChange={setAdding}
              options={[
                { value: '', label: t('admin.choose') },
                ...others.map((p) => ({ value: p.id, label: p.name })),
              ]}
            />
            <button type="submit" className="button" disabled={!adding}>
              {t('admin.teams.add')}
            </button>
          </form>
          <form
            className="admin-inline"
            onSubmit={(e) => {
              e.preventDefault();
              if (lead)
                void act(
                  () => adminApi.setLead(team.id, lead),
                  (change) =>
                    withJobsMoved(
                      t,
                      t('admin.teams.leadSet', { name: nameOf(lead), team: team.name }),
                      change,
                      team.name,
                    ),
                ).then(() => setLead(''));
            }}
          >
            <SelectField
              label={t('admin.teams.setLead')}
              value={lead}
              onChange={setLead}
              options={[
                { value: '', label: t('admin.choose') },
                ...people.map((p) => ({ value: p.id, label: p.name })),
              ]}
            />
            <button type="submit" className="button" disabled={!lead}>
              {t('admin.teams.makeLead')}
            </button>
          </form>
          <p className="field__hint">{t('admin.teams.leadHint')}</p>
        </>
      )}
      <p className="form-error" role="alert">
        {problem}
      </p>
      <p className="admin-notice" role="status">
        {notice}
      </p>
    </section>
  );
}
