import { z } from 'zod';
import { userRowSchema } from '../entities.ts';
import { idSchema } from '../ids.ts';
import { newPasswordSchema } from '../password-change.ts';
import { roleSchema } from '../role-schema.ts';

/** An admin invites a person: they get a one-time link to set their own password. */
export const inviteUserSchema = z
  .object({
    name: z.string().trim().min(1, { message: 'is required' }).max(200),
    email: z
      .string()
      .trim()
      .pipe(z.email({ message: 'must be an email address, like name@company.com' }).max(254)),
    role: roleSchema,
    teamId: idSchema.nullable(),
  })
  .strict();
export type InviteUser = z.infer<typeof inviteUserSchema>;

/**
 * A one-time link for the admin to pass on; it is shown only once. `emailed`: the server's mail
 * sender delivered it to the person (SMTP configured); otherwise only the admin has it.
 */
export const passwordLinkSchema = z.object({
  link: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
  emailed: z.boolean(),
});
export type PasswordLink = z.infer<typeof passwordLinkSchema>;

export const invitationSchema = passwordLinkSchema.extend({ user: userRowSchema });
export type Invitation = z.infer<typeof invitationSchema>;

/** Answering an invitation or a reset link: the token from the link and the chosen password. */
export const setPasswordSchema = z.object({ token: z.string().min(20).max(200), password: newPasswordSchema }).strict();
export type SetPassword = z.infer<typeof setPasswordSchema>;
