import { z } from 'zod';

/** Shortest password a person may choose (first admin, own change): length beats complexity rules. */
export const MIN_PASSWORD_LENGTH = 12;

export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { message: `must be at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(200, { message: 'must be at most 200 characters' });

/** A signed-in person changing their own password. */
export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, { message: 'is required' }).max(200),
    newPassword: newPasswordSchema,
  })
  .strict();
export type PasswordChange = z.infer<typeof passwordChangeSchema>;
