import { z } from 'zod';
import { idSchema } from './ids.ts';
import { roleSchema } from './role-schema.ts';

/**
 * Crew mode (R5): several people signed in on one phone, switching with a PIN. The phone's
 * sync client id says which device the person joins; it must be the one the signed-in
 * session syncs with.
 */
const crewClientIdSchema = z
  .string()
  .min(8, { message: 'must be at least 8 characters' })
  .max(64, { message: 'must be at most 64 characters' })
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'may contain only letters, digits, - and _' });

export const crewJoinRequestSchema = z.object({
  clientId: crewClientIdSchema,
  email: z.email({ message: 'must be an email address' }).max(254),
  password: z.string().min(1, { message: 'is required' }).max(200),
});
export type CrewJoinRequest = z.infer<typeof crewJoinRequestSchema>;

export const crewLeaveRequestSchema = z.object({ clientId: crewClientIdSchema, userId: idSchema });
export type CrewLeaveRequest = z.infer<typeof crewLeaveRequestSchema>;

export const crewQuerySchema = z.object({ clientId: crewClientIdSchema });

export const crewMemberSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
  teamId: idSchema.nullable(),
});
export type CrewMember = z.infer<typeof crewMemberSchema>;

/** Everyone signed in on the device, the phone's own session's person included. */
export const crewSchema = z.object({ members: z.array(crewMemberSchema) });
export type Crew = z.infer<typeof crewSchema>;

/** A crew PIN: 4 to 8 digits, chosen per person per device, never sent to the server. */
export const crewPinSchema = z.string().regex(/^\d{4,8}$/, { message: 'must be 4 to 8 digits' });

export { CREW_PIN_ATTEMPTS } from './crew-limits.ts';

/** How long a shared phone may lie untouched before it asks who is holding it (an organization setting). */
const idleMinutes = z
  .number({ error: (issue) => (issue.input === undefined ? 'is required' : undefined) })
  .int({ message: 'must be a whole number of minutes' })
  .min(1, { message: 'must be at least 1 minute' })
  .max(240, { message: 'must be at most 240 minutes' });
export const crewSettingsSchema = z.object({ idleMinutes: idleMinutes.default(10) });
export type CrewSettings = z.infer<typeof crewSettingsSchema>;
/** An admin's change: the field is required, as for the office window (a `PUT {}` reset it). */
export const crewSettingsUpdateSchema = z.object({ idleMinutes }).strict();
export type CrewSettingsUpdate = z.infer<typeof crewSettingsUpdateSchema>;
export const DEFAULT_CREW_SETTINGS: CrewSettings = { idleMinutes: 10 };
