import { z } from 'zod';
import { orgLocaleSchema } from './admin/organization-settings.ts';
import { photoSettingsSchema } from './attachments/limits.ts';
import { crewSettingsSchema } from './crew.ts';
import { idSchema } from './ids.ts';
import { roleSchema } from './role-schema.ts';

export const signInRequestSchema = z.object({
  email: z.email({ message: 'must be an email address' }).max(254),
  password: z.string().min(1, { message: 'is required' }).max(200),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

/** What the client learns about the signed-in person; cached on the device for offline use. */
export const sessionInfoSchema = z.object({
  user: z.object({
    id: idSchema,
    name: z.string(),
    email: z.string(),
    role: roleSchema,
    teamId: idSchema.nullable(),
  }),
  /**
   * `photos` and `locale` default for sessions cached on a device before they existed. `locale` is
   * the organization's default language, for people who have not chosen one on the device.
   */
  org: z.object({
    id: idSchema,
    name: z.string(),
    photos: photoSettingsSchema.default(photoSettingsSchema.parse({})),
    locale: orgLocaleSchema.default('en'),
    /** Crew mode's idle time (ADR 0033); defaults for sessions cached before it existed. */
    crew: crewSettingsSchema.default({ idleMinutes: 10 }),
  }),
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
