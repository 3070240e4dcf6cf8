import { jobPeopleParser } from '@lastmile/domain';
import { useEffect, useState } from 'react';
import { apiRequest } from '../app/api.ts';
import { keptAnswers } from '../app/session/kept-answers.ts';
import { chosenName } from '../people/chosen-people.ts';

type Names = ReadonlyMap<string, { name: string }>;
const NONE: Names = new Map();
/** How long a job's names are kept before they are asked for again. */
const KEEP_MS = 5 * 60_000;

/**
 * One answer per job, shared by every component that asks, kept five minutes (`keptAnswers`).
 * Not TanStack Query, and read with the zod-free parser: the send-back notice and item cards
 * that ask are on the technician home, which loads neither (ADR 0039;
 * e2e/start-path.e2e.test.ts).
 */
const askJob = keptAnswers<Names>(KEEP_MS);

function namesOf(jobId: string): Promise<Names> {
  return askJob(jobId, () =>
    apiRequest(`/api/jobs/${jobId}/people`, { schema: jobPeopleParser }).then(
      ({ people }) => new Map(people.map((p) => [p.id, { name: p.name }] as const)),
    ),
  );
}

/**
 * Names of people a job's rows mention that this device does not hold. A phone holds its own
 * team's people (ADR 0051), so a job handed over from another team names its earlier crew by id
 * only: the handoff note's author, who answered a field, who took a photo. While online the app
 * asks the server (GET /api/jobs/:id/people) and names them; offline, or before the answer, the
 * screens say "someone outside your team". Asked only when a name is missing, so a job of the
 * phone's own team costs no request.
 */
export function useJobPeople(jobId: string | null | undefined, missing: readonly (string | null | undefined)[]): Names {
  const wanted = !!jobId && missing.some((id) => !!id);
  const [names, setNames] = useState<{ jobId: string | null | undefined; names: Names }>({ jobId, names: NONE });
  useEffect(() => {
    if (!wanted || !jobId) return;
    let live = true;
    namesOf(jobId).then(
      (found) => {
        if (live) setNames({ jobId, names: found });
      },
      () => undefined, // Offline or refused: the screens keep saying "someone outside your team".
    );
    return () => {
      live = false;
    };
  }, [jobId, wanted]);
  const found = names.jobId === jobId ? names.names : NONE;
  // Someone just chosen from the people search (an item's owner) is named at once, even if the
  // job's people were asked before the change reached the server.
  const chosen = missing.filter((id): id is string => !!id && !found.has(id) && !!chosenName(id));
  if (chosen.length === 0) return found;
  return new Map([...found, ...chosen.map((id) => [id, chosenName(id)!] as const)]);
}

/** The device's people, then the server's names for the rest (`useJobPeople`). */
export function withJobPeople<P extends { name: string }>(
  local: ReadonlyMap<string, P>,
  remote: ReadonlyMap<string, { name: string }>,
): ReadonlyMap<string, P | { name: string }> {
  if (remote.size === 0) return local;
  const merged = new Map<string, P | { name: string }>(remote);
  for (const [id, person] of local) merged.set(id, person);
  return merged;
}
