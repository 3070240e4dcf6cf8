import { z } from 'zod';
import { idSchema } from '../ids.ts';
import { roleSchema } from '../role-schema.ts';

const name = z
  .string()
  .trim()
  .min(1, { message: 'is required' })
  .max(200, { message: 'must be at most 200 characters' });

/**
 * An admin's edit of a person: only the fields sent change. `teamId: null` takes them out of
 * every team; a new team re-scopes their devices at the next pull (a new scope hash).
 */
export const adminUserUpdateSchema = z
  .object({ name: name.optional(), role: roleSchema.optional(), teamId: idSchema.nullable().optional() })
  .strict()
  .refine((v) => v.name !== undefined || v.role !== undefined || v.teamId !== undefined, {
    message: 'name, role or teamId is required',
  });
export type AdminUserUpdate = z.infer<typeof adminUserUpdateSchema>;

/** Creating or renaming a team. */
export const teamInputSchema = z.object({ name }).strict();
export type TeamInput = z.infer<typeof teamInputSchema>;

/**
 * Making a person a team's lead: they join the team with the lead role (leads are people with
 * that role in a team; a team may have more than one).
 */
export const teamLeadSchema = z.object({ userId: idSchema }).strict();
export type TeamLead = z.infer<typeof teamLeadSchema>;
