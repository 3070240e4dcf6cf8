import { z } from 'zod';

/**
 * Client-generated ids are UUIDs so rows can be created offline without asking the server. Read in
 * lower case, as PostgreSQL gives them back: a client that writes them in upper case (Swift's
 * `UUID().uuidString`) names the same row, and code comparing ids as strings agrees with SQL.
 */
export const idSchema = z.uuid({ message: 'must be a UUID' }).toLowerCase();
export type Id = z.infer<typeof idSchema>;

export function newId(): Id {
  return crypto.randomUUID();
}
