import { z } from 'zod';
import { userRowSchema } from '../entities.ts';

/**
 * The answer to an admin's change of a person (PATCH /api/admin/users/:id, PUT
 * /api/admin/teams/:id/lead): the person as they are now, and how many of their unfinished jobs
 * (every status but approved and cancelled) moved with them to their new team, so the admin is
 * told where that work went.
 */
export const adminUserChangeSchema = userRowSchema.extend({ jobsMoved: z.number().int().nonnegative() });
export type AdminUserChange = z.infer<typeof adminUserChangeSchema>;
