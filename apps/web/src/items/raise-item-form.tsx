import {
  newId,
  PEOPLE_SEARCH_MAX,
  PRIORITIES,
  type FoundPerson,
  type JobRow,
  type Priority,
  type SessionInfo,
  type UserRow,
} from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState } from 'react';
import { priorityKey, useT } from '../i18n/index.ts';
import { useAppDb } from '../local-db/app-db-context.tsx';
import { OutsidePeople, useFoundPersonName } from '../people/outside-people.tsx';
import { rememberChosen } from '../people/chosen-people.ts';
import { searchesOutsideTeam, useOutsideSearch } from '../people/people-search.ts';
import { useSync } from '../sync/sync-context.tsx';
import { refusalMessage } from '../sync/refusal.ts';

/** People who can own an item: active field staff on this device (a phone's own team, ADR 0051), the person themself first. */
export function useOwnerChoices(session: SessionInfo): UserRow[] {
  const db = useAppDb();
  return (
    useLiveQuery(async () => {
      const users = await db.users.toArray();
      return users
        .filter((u) => u.active && (u.role === 'technician' || u.role === 'lead' || u.id === session.user.id))
        .sort((a, b) => (a.id === session.user.id ? -1 : b.id === session.user.id ? 1 : a.name.localeCompare(b.name)));
    }, [db, session.user.id]) ?? []
  );
}

type Props = { session: SessionInfo; job: JobRow; onDone: () => void };

/** Raise an outstanding item from a job: it keeps the job and its site, so the next visit sees it. */
export function RaiseItemForm({ session, job, onDone }: Props) {
  const t = useT();
  const sync = useSync();
  const owners = useOwnerChoices(session);
  const id = useId();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [ownerId, setOwnerId] = useState(session.user.id);
  const [dueDate, setDueDate] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [error, setError] = useState<string | null>(null);
  // A phone holds its team and the office (ADR 0051): anyone else is found online.
  const searchesOutside = searchesOutsideTeam(session.user.role);
  const [outsideText, setOutsideText] = useState('');
  const [outsideOwner, setOutsideOwner] = useState<FoundPerson | null>(null);
  const onDevice = useMemo(() => new Set(owners.map((u) => u.id)), [owners]);
  const outside = useOutsideSearch(searchesOutside ? outsideText : null, onDevice);
  const foundName = useFoundPersonName();

  function chooseOutside(person: FoundPerson) {
    rememberChosen(person);
    setOutsideOwner(person);
    setOwnerId(person.id);
    setOutsideText('');
  }

  async function submit() {
    if (!title.trim()) {
      setError(t('items.form.titleRequired'));
      return;
    }
    try {
      await sync.mutate('addOutstandingItem', {
        id: newId(),
        title: title.trim(),
        description: description.trim(),
        jobId: job.id,
        siteId: job.siteId,
        ownerId: ownerId || null,
        dueDate: dueDate || null,
        priority,
      });
      onDone();
    } catch (e) {
      setError(refusalMessage(e, t('job.error.unexpected')));
    }
  }

  return (
    <form
      className="item-form"
      aria-label={t('items.form.title')}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('items.field.title')}</label>
        <input id={`${id}-title`} value={title} maxLength={200} autoFocus onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('items.field.description')}</label>
        <textarea
          id={`${id}-description`}
          rows={3}
          maxLength={5000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <div className="item-form__row">
        <div className="field">
          <label htmlFor={`${id}-owner`}>{t('items.field.owner')}</label>
          <select id={`${id}-owner`} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">{t('items.noOwner')}</option>
            {owners.map((user) => (
              <option key={user.id} value={user.id}>
                {user.id === session.user.id ? t('items.me', { name: user.name }) : user.name}
              </option>
            ))}
            {outsideOwner && !onDevice.has(outsideOwner.id) && (
              <option value={outsideOwner.id}>{foundName(outsideOwner)}</option>
            )}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>{t('items.field.due')}</label>
          <input id={`${id}-due`} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-priority`}>{t('items.field.priority')}</label>
          <select id={`${id}-priority`} value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(priorityKey(p))}
              </option>
            ))}
          </select>
        </div>
      </div>
      {searchesOutside && (
        <div className="field">
          <label htmlFor={`${id}-outside`}>{t('items.ownerOutside')}</label>
          <span id={`${id}-outside-hint`} className="field__hint">
            {t('items.ownerOutsideHint')}
          </span>
          <input
            id={`${id}-outside`}
            type="search"
            autoComplete="off"
            maxLength={PEOPLE_SEARCH_MAX}
            value={outsideText}
            aria-describedby={`${id}-outside-hint`}
            onChange={(e) => setOutsideText(e.target.value)}
            onKeyDown={(e) => {
              // Enter picks the first person found; it never saves the item half chosen.
              if (e.key !== 'Enter') return;
              e.preventDefault();
              const first = outside.state === 'found' ? outside.people[0] : undefined;
              if (first) chooseOutside(first);
            }}
          />
          <OutsidePeople
            search={outside}
            action={(person) => t('items.chooseOwner', { name: foundName(person) })}
            onPick={chooseOutside}
          />
        </div>
      )}
      <div className="job__buttons">
        <button type="submit" className="button button--primary">
          {t('items.form.save')}
        </button>
        <button type="button" className="button button--ghost" onClick={onDone}>
          {t('items.form.cancel')}
        </button>
      </div>
      <p className="form-error" role="alert">
        {error ?? ''}
      </p>
    </form>
  );
}
