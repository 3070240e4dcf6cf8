import { z } from 'zod';
import { RFC3339_MESSAGE, entityNameSchema, errorBodySchema } from '@lastmile/domain';

/**
 * Wire protocol, version 1. Every request names the client's schema version; the server
 * accepts SUPPORTED_SCHEMA_VERSIONS and answers 426 to anything else so an old app knows to
 * update (its outbox is kept through the update). See docs/sync-protocol.md.
 */
export const SCHEMA_VERSION = 1;
export const SUPPORTED_SCHEMA_VERSIONS: readonly number[] = [1];
export const MAX_PUSH_MUTATIONS = 500;
/** The largest push body the server reads (413 beyond): room for a full batch of 16 KB mutations. */
export const MAX_PUSH_BYTES = MAX_PUSH_MUTATIONS * 16 * 1024;
export const DEFAULT_PULL_LIMIT = 5000;
export const MAX_PULL_LIMIT = 20_000;

const clientIdSchema = z
  .string()
  .min(8, { message: 'must be at least 8 characters' })
  .max(64, { message: 'must be at most 64 characters' })
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'may contain only letters, digits, - and _' });

export const mutationSchema = z.object({
  /** 1, 2, 3… per client, without gaps. */
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  name: z.string().min(1).max(64),
  // Optional here: missing arguments are that mutation's refusal (`validation`), not the request's.
  args: z.unknown().optional(),
  /** Device clock when the person made the change: for display only, never for ordering. */
  clientTime: z.iso.datetime({ offset: true, message: RFC3339_MESSAGE }),
  /** The version of the server state the client had when it made the change (its cursor). */
  baseVersion: z.number().int().nonnegative(),
  /**
   * Crew mode: the person holding the phone when the change was made. Absent, null or equal to the
   * session's person: that person. Anyone else must hold a live session on this client (joined
   * the crew on this device), or the mutation is refused (`forbidden`, `sync.actorNotOnDevice`).
   * Null is read as absent: clients in Kotlin or Swift write a missing optional field as null, and
   * a 400 for the whole push would leave such a client stuck for ever.
   */
  actorId: z.preprocess(
    (value) => (value === null ? undefined : value),
    z.uuid({ message: 'must be a UUID' }).optional(),
  ),
});
export type Mutation = z.infer<typeof mutationSchema>;

const byteCount = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * What the device says about itself at each contact, for the admin's device registry (optional:
 * an app that sends none still syncs; each field may be left out when the device does not know it).
 * `pendingCount` and `oldestPendingAt` are the changes not yet acknowledged by the server as the
 * device saw them when it sent the request; storage is `navigator.storage.estimate()`.
 */
export const deviceReportSchema = z.object({
  appVersion: z
    .string()
    .max(40)
    .regex(/^[\w.+-]+$/, { message: 'may contain only letters, digits, ., +, - and _' })
    .optional(),
  pendingCount: z.number().int().nonnegative().max(1_000_000_000).optional(),
  oldestPendingAt: z.iso.datetime({ offset: true, message: RFC3339_MESSAGE }).nullable().optional(),
  storageUsedBytes: byteCount.optional(),
  storageQuotaBytes: byteCount.optional(),
});
export type DeviceReport = z.infer<typeof deviceReportSchema>;

export const pushRequestSchema = z.object({
  schemaVersion: z.number().int(),
  clientId: clientIdSchema,
  /** Since schema version 1 without a bump: optional, so older clients are unaffected. */
  device: deviceReportSchema.optional(),
  mutations: z.array(mutationSchema).min(1, { message: 'must contain at least one mutation' }),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const mutationResultSchema = z.discriminatedUnion('status', [
  z.object({ id: z.number().int(), status: z.literal('applied') }),
  z.object({ id: z.number().int(), status: z.literal('refused'), code: z.string(), reason: z.string() }),
]);
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({
  lastMutationId: z.number().int().nonnegative(),
  results: z.array(mutationResultSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/**
 * `"<version>.<id>.<scopes>"`: the position after the last change the client has, and a hash of
 * the scopes it was read under (a cursor from other scopes forces a reset). Opaque to clients.
 */
export const cursorSchema = z
  .string()
  .regex(/^\d{1,15}\.\d{1,15}\.[0-9a-f]{8}(\.\d{1,15})?$/, { message: 'is not a cursor this server issued' });
export type Cursor = z.infer<typeof cursorSchema>;

export const pullRequestSchema = z.object({
  schemaVersion: z.number().int(),
  clientId: clientIdSchema,
  /** null for a first sync. */
  cursor: cursorSchema.nullable(),
  device: deviceReportSchema.optional(),
  /** The lowest mutation id the client still holds; refusals from there on are returned. */
  pendingFrom: z.number().int().nonnegative().default(0),
  limit: z.number().int().positive().max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});
export type PullRequest = z.input<typeof pullRequestSchema>;

export const changeSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), entity: entityNameSchema, id: z.string(), row: z.record(z.string(), z.unknown()) }),
  z.object({ op: z.literal('del'), entity: entityNameSchema, id: z.string() }),
]);
export type Change = z.infer<typeof changeSchema>;

export const refusalSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  args: z.unknown(),
  code: z.string(),
  reason: z.string(),
  processedAt: z.string(),
});
export type Refusal = z.infer<typeof refusalSchema>;

export const pullResponseSchema = z.object({
  /** True when the client must drop its replicated rows (not its outbox) before applying. */
  reset: z.boolean(),
  changes: z.array(changeSchema),
  cursor: cursorSchema,
  /** More changes wait: pull again with the new cursor before acknowledging mutations. */
  more: z.boolean(),
  lastMutationId: z.number().int().nonnegative(),
  refused: z.array(refusalSchema),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export { errorBodySchema };

/**
 * `floor`: on a cursor issued below the compaction horizon (the pages of a reset), the
 * organization's `min_version` when it was issued; the reset may go on while that is unchanged.
 */
export function parseCursor(cursor: Cursor | null): {
  version: number;
  id: number;
  scopeHash: string;
  floor: number | null;
} {
  if (!cursor) return { version: 0, id: 0, scopeHash: '', floor: null };
  const [version, id, scopeHash, floor] = cursor.split('.');
  return { version: Number(version), id: Number(id), scopeHash: scopeHash ?? '', floor: floor ? Number(floor) : null };
}

export function formatCursor(version: number, id: number, scopeHash: string, floor?: number): Cursor {
  return floor === undefined ? `${version}.${id}.${scopeHash}` : `${version}.${id}.${scopeHash}.${floor}`;
}

/** The version a cursor stands at: what a mutation made on top of it has seen. */
export function cursorVersion(cursor: Cursor | null): number {
  return parseCursor(cursor).version;
}

/**
 * What the scopes hold. Bumped when rows move between scopes for everyone at once: every cursor
 * issued before then carries another hash, so each client resets once and holds exactly what its
 * scopes hold now. 2: customers and sites left the organization-wide reference scope for the
 * scopes of the jobs that need them (a device holds its own work, issue 14). 3: technicians and
 * leads left it too, for their team's `people:` scope (ADR 0051).
 */
export const SCOPE_LAYOUT = 3;

/** FNV-1a over the scope layout and the sorted scopes: short, stable, no crypto needed. */
export function hashScopes(scopes: readonly string[]): string {
  let hash = 0x811c9dc5;
  for (const ch of [`layout:${SCOPE_LAYOUT}`, ...[...scopes].sort()].join('|')) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
