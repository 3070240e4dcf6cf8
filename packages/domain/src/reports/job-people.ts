import { z } from 'zod';
import { idSchema } from '../ids.ts';

/**
 * The people a job mentions (`GET /api/jobs/:id/people`): its assignee, the authors of its thread,
 * whoever answered its forms or took its photos, its reviewers and the owners of items raised on
 * it. A phone holds its own team's people (ADR 0051); a job handed over from another team names
 * people it does not hold, and the app asks for their names while online.
 */
export const jobPersonSchema = z.object({ id: idSchema, name: z.string() });
export type JobPerson = z.infer<typeof jobPersonSchema>;

export const jobPeopleSchema = z.object({ people: z.array(jobPersonSchema) });
export type JobPeople = z.infer<typeof jobPeopleSchema>;
