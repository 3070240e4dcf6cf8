import type { FoundPerson } from '@lastmile/domain';
import { useT } from '../i18n/index.ts';
import type { OutsideSearch } from './people-search.ts';

type Props = {
  search: OutsideSearch;
  /** The button's words for one person ("Mention Anna Żak, North"). */
  action: (person: FoundPerson) => string;
  onPick: (person: FoundPerson) => void;
  /** Say nothing when no one outside matches (the picker already lists people of the device). */
  quietWhenNone?: boolean;
};

/** A person found on the server, with their team when they have one: "Anna Żak, North". */
export function useFoundPersonName(): (person: FoundPerson) => string {
  const t = useT();
  return (person) =>
    person.teamName ? t('people.withTeam', { name: person.name, team: person.teamName }) : person.name;
}

/**
 * Under a picker of the device's people: the organization's other people found online, or why
 * there are none (offline, nothing matches, the search failed). The status is a live region, so
 * a screen reader hears "People outside your team can be found when you are online".
 */
export function OutsidePeople({ search, action, onPick, quietWhenNone = false }: Props) {
  const t = useT();
  const status =
    search.state === 'offline'
      ? t('people.outside.offline')
      : search.state === 'searching'
        ? t('people.outside.searching')
        : search.state === 'failed'
          ? t('people.outside.failed')
          : search.state === 'found' && search.people.length === 0 && !quietWhenNone
            ? t('people.outside.none')
            : '';
  return (
    <>
      <p className="field__hint" role="status">
        {status}
      </p>
      {search.state === 'found' && search.people.length > 0 && (
        <ul className="thread__mentions people-outside" aria-label={t('people.outside.title')}>
          {search.people.map((person) => (
            <li key={person.id}>
              <button type="button" className="button button--ghost" onClick={() => onPick(person)}>
                {action(person)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
