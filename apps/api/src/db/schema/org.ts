import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** node-postgres answers a Buffer, PGlite a Uint8Array: both become a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
  toDriver: (value) => value,
});

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** IANA zone the organization works in: the reports' times are written in it. */
  timeZone: text('time_zone').notNull().default('UTC'),
  /** The language of mail and of the app for people who have not chosen one. */
  locale: text('locale', { enum: ['en', 'pl'] })
    .notNull()
    .default('en'),
  /** Next job number; bumped inside the transaction that creates a job. */
  jobSeq: integer('job_seq').notNull().default(0),
  /** Organization settings (photo limits so far); parsed with the domain's schemas, defaults filled in. */
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The organization's logo, drawn on its reports: small (at most 512 KB, scaled to 1024 px), one
 * per organization, so it lives in the database beside the organization rather than in the
 * attachment store (ADR 0027) and is backed up with it.
 */
export const organizationLogos = pgTable('organization_logos', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id),
  contentType: text('content_type', { enum: ['image/png', 'image/jpeg'] }).notNull(),
  bytes: bytea('bytes').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  sha256: text('sha256').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
  },
  (t) => [index('teams_org_idx').on(t.orgId)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    teamId: uuid('team_id').references(() => teams.id),
    name: text('name').notNull(),
    /** Stored lower-case; sign-in is by email across organizations. */
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['technician', 'lead', 'office', 'admin'] }).notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_idx').on(t.email),
    index('users_org_team_idx').on(t.orgId, t.teamId),
    // The people search of the mention and owner pickers (`lower(name) like '%…%'`, ADR 0051).
    index('users_name_trgm_idx').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
  ],
);

/** Server-side sessions: the cookie holds a random token, the table its SHA-256, so a leak of the table cannot be replayed. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    csrfToken: text('csrf_token').notNull(),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** `device_revoked`: ended because an admin revoked its device; the app is told so and erases its data. */
    revokeReason: text('revoke_reason', { enum: ['device_revoked'] }),
    /** The sync client last used with this session (one browser profile holds one cookie), for revoking a device's sessions. */
    clientId: text('client_id'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_client_idx').on(t.clientId)],
);

/**
 * One-time links: an invitation to set a first password, or a password reset. Like sessions,
 * only the SHA-256 of the token is kept; a used or expired row opens nothing.
 */
export const userTokens = pgTable(
  'user_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind', { enum: ['invite', 'reset'] }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('user_tokens_user_idx').on(t.userId)],
);

export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    /** The sync client id of the browser profile on this device. */
    clientId: text('client_id').notNull(),
    lastUserId: uuid('last_user_id').references(() => users.id),
    name: text('name').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** The last request's user agent (cut to 500 characters); lists show a browser/OS summary of it. */
    userAgent: text('user_agent'),
    /**
     * What the device reported at its last contact (docs/sync-protocol.md, "Device report"); null
     * when it did not say — an older app, or a browser without the storage API.
     */
    appVersion: text('app_version'),
    pendingCount: integer('pending_count'),
    oldestPendingAt: timestamp('oldest_pending_at', { withTimezone: true }),
    storageUsedBytes: bigint('storage_used_bytes', { mode: 'number' }),
    storageQuotaBytes: bigint('storage_quota_bytes', { mode: 'number' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
    revokeReason: text('revoke_reason'),
  },
  (t) => [uniqueIndex('devices_client_idx').on(t.clientId), index('devices_org_idx').on(t.orgId, t.lastSeenAt)],
);
