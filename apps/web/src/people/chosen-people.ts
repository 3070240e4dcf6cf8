import { onForgetServerAnswers } from '../app/session/server-answers.ts';

/**
 * People picked from the people search this session (an item's new owner from another team):
 * the device does not hold them (ADR 0051), and the job's people (GET /api/jobs/:id/people) may
 * have been asked before the change reached the server, so the screens name them from here.
 * No zod and no React: item cards on the technician home read it (ADR 0039).
 */
const chosen = new Map<string, { name: string }>();
onForgetServerAnswers(() => chosen.clear());

export function rememberChosen(person: { id: string; name: string }): void {
  chosen.set(person.id, { name: person.name });
}

/** The name of a person picked from a search this session, if any. */
export function chosenName(id: string): { name: string } | undefined {
  return chosen.get(id);
}
