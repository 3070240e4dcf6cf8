import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations, teams, users } from './org.ts';

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
  },
  (t) => [
    index('customers_org_idx').on(t.orgId, t.name),
    index('customers_org_lower_name_idx').on(t.orgId, sql`lower(${t.name})`),
  ],
);

export const sites = pgTable(
  'sites',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    name: text('name').notNull(),
    address: text('address').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    accessNotes: text('access_notes').notNull().default(''),
  },
  (t) => [index('sites_org_customer_idx').on(t.orgId, t.customerId)],
);

export const jobTypes = pgTable(
  'job_types',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    defaultDurationMinutes: integer('default_duration_minutes').notNull().default(60),
    keyFields: jsonb('key_fields').$type<string[]>().notNull().default([]),
    /** Form fields this job type requires (only while shown), on top of the template's own. */
    requiredFields: jsonb('required_fields').$type<string[]>().notNull().default([]),
    templateId: uuid('template_id'),
  },
  (t) => [index('job_types_org_idx').on(t.orgId)],
);

/**
 * Stored with fillfactor 85 (migration 0019, which drizzle-kit does not model): updates that change
 * no indexed column stay HOT (ADR 0046).
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    number: text('number').notNull(),
    jobTypeId: uuid('job_type_id')
      .notNull()
      .references(() => jobTypes.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    teamId: uuid('team_id').references(() => teams.id),
    assigneeId: uuid('assignee_id').references(() => users.id),
    status: text('status').notNull(),
    priority: text('priority').notNull(),
    /** Sort key for the office table: low 0 … urgent 3 (text order would put "high" first). */
    priorityRank: smallint('priority_rank').generatedAlwaysAs(
      sql`case priority when 'low' then 0 when 'normal' then 1 when 'high' then 2 when 'urgent' then 3 else 1 end`,
    ),
    scheduledStart: timestamp('scheduled_start', { withTimezone: true }).notNull(),
    scheduledEnd: timestamp('scheduled_end', { withTimezone: true }).notNull(),
    title: text('title').notNull(),
    notes: text('notes').notNull().default(''),
    statusReason: text('status_reason'),
    handoffNote: text('handoff_note'),
    externalRef: text('external_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
    /**
     * Lower-cased number, title, external ref, customer name and site address, kept by the
     * services (services/job-search-text.ts) for the office table's search (trigram index).
     */
    searchText: text('search_text').notNull().default(''),
  },
  (t) => [
    uniqueIndex('jobs_org_number_idx').on(t.orgId, t.number),
    uniqueIndex('jobs_org_external_ref_idx').on(t.orgId, t.externalRef),
    index('jobs_org_start_idx').on(t.orgId, t.scheduledStart),
    index('jobs_org_assignee_idx').on(t.orgId, t.assigneeId, t.scheduledStart),
    index('jobs_org_team_idx').on(t.orgId, t.teamId, t.scheduledStart),
    index('jobs_org_status_idx').on(t.orgId, t.status),
    index('jobs_org_status_start_idx').on(t.orgId, t.status, t.scheduledStart),
    index('jobs_org_type_start_idx').on(t.orgId, t.jobTypeId, t.scheduledStart),
    index('jobs_org_customer_start_idx').on(t.orgId, t.customerId, t.scheduledStart),
    index('jobs_org_priority_start_idx').on(t.orgId, t.priorityRank, t.scheduledStart),
    // The table sorts numbers by length first (J-100000 after J-99999).
    index('jobs_org_number_sort_idx').on(t.orgId, sql`length(${t.number})`, t.number),
    index('jobs_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

export const outstandingItems = pgTable(
  'outstanding_items',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    jobId: uuid('job_id').references(() => jobs.id),
    siteId: uuid('site_id').references(() => sites.id),
    teamId: uuid('team_id').references(() => teams.id),
    ownerId: uuid('owner_id').references(() => users.id),
    dueDate: date('due_date'),
    priority: text('priority').notNull(),
    status: text('status').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('items_org_owner_idx').on(t.orgId, t.ownerId), index('items_org_site_idx').on(t.orgId, t.siteId)],
);

export const jobMessages = pgTable(
  'job_messages',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id),
    authorId: uuid('author_id').notNull(),
    kind: text('kind').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('job_messages_job_idx').on(t.jobId, t.createdAt)],
);

/**
 * Who had a job between which organization versions. The change log cannot tell (compaction keeps
 * only the newest entry of a row), and sync principle 8 needs it: a technician's change to a job
 * taken away from them is accepted only if its base version falls inside a period in which the
 * job was theirs (mutators/job-access.ts). `toVersion` is null while the period is open.
 */
export const jobAssignments = pgTable(
  'job_assignments',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id),
    userId: uuid('user_id').notNull(),
    fromVersion: bigint('from_version', { mode: 'number' }).notNull(),
    toVersion: bigint('to_version', { mode: 'number' }),
  },
  (t) => [index('job_assignments_job_user_idx').on(t.jobId, t.userId, t.fromVersion)],
);

/**
 * Jobs the office-window sweep took off the office's devices (ADR 0040): their rows were deleted
 * under the `org:` scope. A job here that is back in the window (reopened, changed, or the window
 * grew) has its rows logged under `org:` again by the next sweep, and leaves this table.
 */
export const officeWindowDepartures = pgTable(
  'office_window_departures',
  {
    jobId: uuid('job_id')
      .primaryKey()
      .references(() => jobs.id),
    orgId: uuid('org_id').notNull(),
    departedAt: timestamp('departed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('office_window_departures_org_idx').on(t.orgId)],
);
