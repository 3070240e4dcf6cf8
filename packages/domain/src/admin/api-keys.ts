import { z } from 'zod';

/** What a key may do: `read` lists and fetches, `write` also creates and changes (ADR 0031). */
export const API_KEY_SCOPES = ['read', 'write'] as const;
export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

export const MAX_API_KEY_NAME_LENGTH = 100;
/** Keys are `lmk_` + 43 base64url characters (256 random bits). */
export const API_KEY_PREFIX = 'lmk_';

const time = z.iso.datetime({ offset: true });

/** An admin creates a key: a name to recognise it by, what it may do, and optionally when it stops working. */
export const apiKeyInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { message: 'is required' })
      .max(MAX_API_KEY_NAME_LENGTH, { message: `must be at most ${MAX_API_KEY_NAME_LENGTH} characters` }),
    scopes: z
      .array(apiKeyScopeSchema)
      .min(1, { message: 'choose at least one' })
      .max(API_KEY_SCOPES.length)
      .transform((scopes) => API_KEY_SCOPES.filter((s) => scopes.includes(s))),
    expiresAt: time.nullable().default(null),
  })
  .strict()
  .refine((k) => k.expiresAt === null || Date.parse(k.expiresAt) > Date.now(), {
    message: 'must be in the future',
    path: ['expiresAt'],
  });
export type ApiKeyInput = z.input<typeof apiKeyInputSchema>;

/** A key as the admin screen lists it: never its secret. */
export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(apiKeyScopeSchema),
  createdAt: time,
  createdByName: z.string().nullable(),
  expiresAt: time.nullable(),
  lastUsedAt: time.nullable(),
  revokedAt: time.nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const apiKeysListSchema = z.object({ keys: z.array(apiKeySchema) });
export type ApiKeysList = z.infer<typeof apiKeysListSchema>;

/** The answer to creating a key: the only time its secret is ever shown. */
export const createdApiKeySchema = z.object({ key: apiKeySchema, secret: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
