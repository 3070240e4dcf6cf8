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

/**
 * One person on the admin's People screen (GET /api/admin/users). `openJobs`: jobs assigned to
 * them that are still work (every status but approved and cancelled), so deactivating someone
 * says what stays assigned to a person who can no longer sign in.
 */
export const adminPersonSchema = userRowSchema.extend({
  invitation: invitationStateSchema.nullable(),
  openJobs: z.number().int().nonnegative(),
  /**
   * What only their own phones still hold: photos recorded on the server whose bytes never arrived
   * (a crew's photos on that phone included) and the changes those phones last reported unsynced.
   * Deactivating them stops those phones, so the dialog says what would stay there.
   */
  onPhones: z.object({ photos: z.number().int().nonnegative(), changes: z.number().int().nonnegative() }),
});
export type AdminPerson = z.infer<typeof adminPersonSchema>;
