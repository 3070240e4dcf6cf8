import {
  PEOPLE_SEARCH_MAX,
  PEOPLE_SEARCH_MIN,
  peopleSearchSchema,
  type FoundPerson,
  type Role,
} from '@lastmile/domain';
import { useEffect, useState } from 'react';
import { apiRequest, NetworkError, queryString } from '../app/api.ts';
import { keptAnswers } from '../app/session/kept-answers.ts';
import { useOnline } from '../sync/sync-context.tsx';

/** How long the typing must pause before the server is asked. */
export const SEARCH_DELAY_MS = 250;
/** How long an answer is kept for the same text typed again (deleting a letter, retyping it). */
const KEEP_MS = 60_000;

/**
 * What a search may send: the trimmed text, or null when it is too short to be worth a request
 * or too long to be a name (the server refuses both).
 */
export function searchableText(text: string): string | null {
  const q = text.trim();
  return q.length >= PEOPLE_SEARCH_MIN && q.length <= PEOPLE_SEARCH_MAX ? q : null;
}

/** The people found who are not on the device already (those the picker lists first). */
export function notOnDevice(found: readonly FoundPerson[], onDevice: ReadonlySet<string>): FoundPerson[] {
  return found.filter((p) => !onDevice.has(p.id));
}

const askSearch = keptAnswers<FoundPerson[]>(KEEP_MS);

/** The server's answer for `q`, kept a minute per text in any case; a failed request is forgotten. */
export function searchPeopleOnline(q: string): Promise<FoundPerson[]> {
  return askSearch(q.toLocaleLowerCase(), () =>
    apiRequest(`/api/people/search?${queryString({ q })}`, { schema: peopleSearchSchema }).then(
      (answer) => answer.people,
    ),
  );
}

/**
 * Whether this person's device needs the search: a phone's person (technician, lead) holds its
 * team and the office; office staff and admins hold everyone (ADR 0051).
 */
export function searchesOutsideTeam(role: Role): boolean {
  return role === 'technician' || role === 'lead';
}

export type OutsideSearch =
  | { state: 'idle' }
  | { state: 'offline' }
  | { state: 'searching' }
  | { state: 'failed' }
  | { state: 'found'; people: FoundPerson[] };

/**
 * People of the organization outside what the device holds (a phone holds its team and the
 * office, ADR 0051), searched on the server as the person types: after a pause, from a few
 * characters, a small page. Not TanStack Query: the module keeps its own answers, as
 * jobs/use-job-people.ts does, so it works on any screen. Offline it says so instead of asking.
 * `text` null: the picker is not in use (idle, even offline).
 */
export function useOutsideSearch(text: string | null, onDevice: ReadonlySet<string>): OutsideSearch {
  const online = useOnline();
  const q = text === null ? null : searchableText(text);
  const [answer, setAnswer] = useState<{ q: string; result: OutsideSearch } | null>(null);
  useEffect(() => {
    if (!q || !online) return;
    let live = true;
    const timer = setTimeout(() => {
      searchPeopleOnline(q).then(
        (people) => live && setAnswer({ q, result: { state: 'found', people } }),
        (error: unknown) =>
          live && setAnswer({ q, result: { state: error instanceof NetworkError ? 'offline' : 'failed' } }),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, online]);
  if (text === null) return { state: 'idle' };
  if (!online) return { state: 'offline' };
  if (!q) return { state: 'idle' };
  if (answer?.q !== q) return { state: 'searching' };
  if (answer.result.state !== 'found') return answer.result;
  return { state: 'found', people: notOnDevice(answer.result.people, onDevice) };
}
