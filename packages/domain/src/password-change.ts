import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './password-length.ts';

export { MIN_PASSWORD_LENGTH };

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
