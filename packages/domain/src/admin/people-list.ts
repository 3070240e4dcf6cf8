import { z } from 'zod';
import { userRowSchema } from '../entities.ts';

/**
 * Where a person's invitation stands: `pending` (they have not set a password yet and the link
 * still works), `expired` (not set, and no open link: send a new one), null (accepted, or never
 * invited: created by the first run or the demo).
 */
export const INVITATION_STATES = ['pending', 'expired'] as const;
export const invitationStateSchema = z.enum(INVITATION_STATES);
export type InvitationState = z.infer<typeof invitationStateSchema>;

/** One person on the admin's People screen (GET /api/admin/users). */
export const adminPersonSchema = userRowSchema.extend({ invitation: invitationStateSchema.nullable() });
export type AdminPerson = z.infer<typeof adminPersonSchema>;
