import type { AdminPerson, Invitation } from '@lastmile/domain';
import { useDeferredValue, useId, useState } from 'react';
import { roleKey, useT } from '../../i18n/index.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { TextField } from '../../ui/forms/text-field.tsx';
import { adminApi, adminKeys, usePeople, useRefreshAdmin, useTeams } from './admin-api.ts';
import { adminProblem } from './admin-errors.ts';
import { DeactivateDialog } from './deactivate-dialog.tsx';
import { InviteForm } from './invite-form.tsx';
import { LinkResult, type IssuedLink } from './link-result.tsx';
import { matchesSearch, STATUS_KEYS, statusOf } from './people-filter.ts';
import { PersonForm } from './person-form.tsx';
import './admin.css';

type Panel = { kind: 'invite' } | { kind: 'edit'; person: AdminPerson } | { kind: 'link'; issued: IssuedLink } | null;

/**
 * Everyone in the organization: role, team, whether they are active or still have to answer
 * their invitation. Admins invite, edit, deactivate and reactivate, and issue password links;
 * the office sees the list only. Online only: people are managed from a desk.
 */
export function PeopleScreen({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const ids = useId();
  const people = usePeople();
  const teams = useTeams();
  const refresh = useRefreshAdmin();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const [panel, setPanel] = useState<Panel>(null);
  const [confirming, setConfirming] = useState<AdminPerson | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const teamRows = teams.data ?? [];
  const teamName = new Map(teamRows.map((tm) => [tm.id, tm.name]));
  const shown = (people.data ?? []).filter((p) => matchesSearch(p, deferred));

  const act = async (work: () => Promise<unknown>, done: string) => {
    setProblem(null);
    setNotice(null);
    try {
      await work();
      setNotice(done);
      await refresh(adminKeys.people);
    } catch (error) {
      setProblem(adminProblem(error));
    }
  };

  const issueLink = (person: AdminPerson) =>
    act(async () => {
      const issued = await adminApi.passwordLink(person.id);
      setPanel({
        kind: 'link',
        issued: { kind: person.invitation ? 'invite' : 'reset', name: person.name, email: person.email, ...issued },
      });
    }, '');

  const invited = async (invitation: Invitation) => {
    setPanel({
      kind: 'link',
      issued: {
        kind: 'invite',
        name: invitation.user.name,
        email: invitation.user.email,
        link: invitation.link,
        expiresAt: invitation.expiresAt,
        emailed: invitation.emailed,
      },
    });
    await refresh(adminKeys.people);
  };

  return (
    <section className="office admin" aria-labelledby={`${ids}-h`}>
      <h1 id={`${ids}-h`}>{t('admin.people.title')}</h1>
      <p className="office__intro">{canEdit ? t('admin.people.intro') : t('admin.people.readOnly')}</p>
      {canEdit && (
        <button type="button" className="button button--primary" onClick={() => setPanel({ kind: 'invite' })}>
          {t('admin.invite.open')}
        </button>
      )}
      <div className="office-columns">
        <div>
          <div className="admin-search">
            <TextField
              label={t('admin.people.search')}
              type="search"
              value={search}
              onChange={setSearch}
              autoComplete="off"
            />
          </div>
          <p role="status" className="admin-count">
            {people.isPending ? t('admin.loading') : t('admin.people.count', { count: shown.length })}
          </p>
          {people.isError && (
            <p className="form-error" role="alert">
              {adminProblem(people.error)}
            </p>
          )}
          <p className="form-error" role="alert">
            {problem}
          </p>
          <p className="admin-notice" role="status">
            {notice}
          </p>
          {people.isSuccess && shown.length === 0 && <EmptyState>{t('admin.people.none')}</EmptyState>}
          <ul className="admin-people">
            {shown.map((person) => (
              <PersonItem
                key={person.id}
                person={person}
                team={person.teamId ? (teamName.get(person.teamId) ?? null) : null}
                canEdit={canEdit}
                onEdit={() => setPanel({ kind: 'edit', person })}
                onLink={() => void issueLink(person)}
                onDeactivate={() => setConfirming(person)}
                onReactivate={() =>
                  void act(() => adminApi.reactivate(person.id), t('admin.reactivated', { name: person.name }))
                }
              />
            ))}
          </ul>
        </div>
        <div>
          {panel?.kind === 'invite' && <InviteForm teams={teamRows} onInvited={(i) => void invited(i)} />}
          {panel?.kind === 'edit' && (
            <PersonForm
              key={panel.person.id}
              person={panel.person}
              teams={teamRows}
              onSaved={() => void refresh(adminKeys.people)}
            />
          )}
          {panel?.kind === 'link' && <LinkResult issued={panel.issued} onClose={() => setPanel(null)} />}
        </div>
      </div>
      {confirming && (
        <DeactivateDialog
          person={confirming}
          onClose={() => setConfirming(null)}
          onConfirm={async () => {
            await adminApi.deactivate(confirming.id);
            setNotice(t('admin.deactivated', { name: confirming.name }));
            await refresh(adminKeys.people);
          }}
        />
      )}
    </section>
  );
}

function PersonItem({
  person,
  team,
  canEdit,
  onEdit,
  onLink,
  onDeactivate,
  onReactivate,
}: {
  person: AdminPerson;
  team: string | null;
  canEdit: boolean;
  onEdit: () => void;
  onLink: () => void;
  onDeactivate: () => void;
  onReactivate: () => void;
}) {
  const t = useT();
  const status = statusOf(person);
  return (
    <li className="admin-person" data-person={person.id} data-status={status}>
      <div className="admin-person__who">
        <strong>{person.name}</strong>
        <span className="admin-person__email">{person.email}</span>
        <span className="admin-person__facts">
          {t(roleKey(person.role))} · {team ?? t('admin.person.noTeam')} ·{' '}
          <span className={`admin-status admin-status--${status}`}>{t(STATUS_KEYS[status])}</span>
        </span>
      </div>
      {canEdit && (
        <div className="admin-actions">
          <button
            type="button"
            className="button button--ghost"
            aria-label={t('admin.person.editLabel', { name: person.name })}
            onClick={onEdit}
          >
            {t('admin.person.edit')}
          </button>
          {person.active && (
            <button
              type="button"
              className="button button--ghost"
              aria-label={t(person.invitation ? 'admin.person.newInviteLabel' : 'admin.person.resetLabel', {
                name: person.name,
              })}
              onClick={onLink}
            >
              {t(person.invitation ? 'admin.person.newInvite' : 'admin.person.reset')}
            </button>
          )}
          {person.active ? (
            <button
              type="button"
              className="button button--ghost"
              data-action="deactivate"
              aria-label={t('admin.person.deactivateLabel', { name: person.name })}
              onClick={onDeactivate}
            >
              {t('admin.person.deactivate')}
            </button>
          ) : (
            <button
              type="button"
              className="button button--ghost"
              data-action="reactivate"
              aria-label={t('admin.person.reactivateLabel', { name: person.name })}
              onClick={onReactivate}
            >
              {t('admin.person.reactivate')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
