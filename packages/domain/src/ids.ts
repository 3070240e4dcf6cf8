import { z } from 'zod';

/** Client-generated ids are UUIDs so rows can be created offline without asking the server. */
export const idSchema = z.uuid({ message: 'must be a UUID' });
export type Id = z.infer<typeof idSchema>;

export function newId(): Id {
  return crypto.randomUUID();
}
