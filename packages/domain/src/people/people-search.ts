import { z } from 'zod';
import { idSchema } from '../ids.ts';
import { queryNumber } from '../query-number.ts';
import { roleSchema } from '../role-schema.ts';

/** Fewest characters a people search looks for: one letter matches half the organization. */
export const PEOPLE_SEARCH_MIN = 2;
/** Longest text searched: a full name, with room to spare (a mention reads at most 60). */
export const PEOPLE_SEARCH_MAX = 60;
/** A picker's page: a few names under the field, never the organization. */
export const PEOPLE_SEARCH_LIMIT = 8;

/**
 * `GET /api/people/search`: active people of the caller's organization whose name contains `q`.
 * A phone holds only its team's people and the office's (ADR 0051); the mention and owner
 * pickers find everyone else here while online.
 */
export const peopleSearchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(PEOPLE_SEARCH_MIN, { message: `must be at least ${PEOPLE_SEARCH_MIN} characters` })
    .max(PEOPLE_SEARCH_MAX, { message: `must be at most ${PEOPLE_SEARCH_MAX} characters` }),
  limit: queryNumber(z.number().int().min(1).max(20).optional()),
});
export type PeopleSearchQuery = z.infer<typeof peopleSearchQuerySchema>;

/** What a picker shows and keeps: who, their role, their team's name (none for the office). */
export const foundPersonSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
  teamName: z.string().nullable(),
});
export type FoundPerson = z.infer<typeof foundPersonSchema>;

export const peopleSearchSchema = z.object({ people: z.array(foundPersonSchema) });
export type PeopleSearch = z.infer<typeof peopleSearchSchema>;
