import {
  jobStatusSchema,
  prioritySchema,
  roleSchema,
  type CustomerRow,
  type JobRow,
  type JobTypeRow,
  type SiteRow,
  type TeamRow,
  type UserRow,
} from '@lastmile/domain';
import { sql } from 'drizzle-orm';
import type { customers, jobTypes, jobs, sites, teams, users } from '../db/schema/index.ts';

/**
 * Database rows → the wire rows replicated to clients (@lastmile/domain). Only the fields listed
 * in the wire schemas leave the server; dates travel as ISO strings.
 */
export function toUserRow(row: typeof users.$inferSelect): UserRow {
  return {
    id: row.id,
    orgId: row.orgId,
    teamId: row.teamId,
    name: row.name,
    email: row.email,
    role: roleSchema.parse(row.role),
    active: row.active,
  };
}

export function toTeamRow(row: typeof teams.$inferSelect): TeamRow {
  return { id: row.id, orgId: row.orgId, name: row.name };
}

export function toCustomerRow(row: typeof customers.$inferSelect): CustomerRow {
  return { id: row.id, orgId: row.orgId, name: row.name, phone: row.phone, email: row.email };
}

export function toSiteRow(row: typeof sites.$inferSelect): SiteRow {
  return {
    id: row.id,
    orgId: row.orgId,
    customerId: row.customerId,
    name: row.name,
    address: row.address,
    lat: row.lat,
    lng: row.lng,
    accessNotes: row.accessNotes,
  };
}

export function toJobTypeRow(row: typeof jobTypes.$inferSelect): JobTypeRow {
  return {
    id: row.id,
    orgId: row.orgId,
    name: row.name,
    defaultDurationMinutes: row.defaultDurationMinutes,
    keyFields: row.keyFields,
    requiredFields: row.requiredFields,
    templateId: row.templateId,
  };
}

/** The columns a job's wire row is made of. */
type JobRowColumns = Pick<typeof jobs.$inferSelect, keyof JobRow>;

export function toJobRow(row: JobRowColumns): JobRow {
  return {
    id: row.id,
    orgId: row.orgId,
    number: row.number,
    jobTypeId: row.jobTypeId,
    customerId: row.customerId,
    siteId: row.siteId,
    teamId: row.teamId,
    assigneeId: row.assigneeId,
    status: jobStatusSchema.parse(row.status),
    priority: prioritySchema.parse(row.priority),
    scheduledStart: row.scheduledStart.toISOString(),
    scheduledEnd: row.scheduledEnd.toISOString(),
    title: row.title,
    notes: row.notes,
    statusReason: row.statusReason,
    handoffNote: row.handoffNote,
    externalRef: row.externalRef,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}

/** The job columns `jobRowFromJson` reads, for a query whose rows come back as JSON (`j`: the jobs table). */
export const JOB_ROW_JSON_COLUMNS = sql.raw(
  `j.id, j.org_id as "orgId", j.number, j.job_type_id as "jobTypeId", j.customer_id as "customerId",
   j.site_id as "siteId", j.team_id as "teamId", j.assignee_id as "assigneeId", j.status, j.priority,
   j.scheduled_start::text as "scheduledStart", j.scheduled_end::text as "scheduledEnd", j.title, j.notes,
   j.status_reason as "statusReason", j.handoff_note as "handoffNote", j.external_ref as "externalRef",
   j.updated_at::text as "updatedAt", j.updated_by as "updatedBy"`,
);

/**
 * A job selected with JOB_ROW_JSON_COLUMNS and returned as JSON → its wire row, exactly as
 * `toJobRow` makes it from drizzle's row: the times travel as PostgreSQL's text and become Dates
 * the way drizzle makes them (`new Date(text)`), so both paths give the same milliseconds.
 */
export function jobRowFromJson(j: Record<string, unknown>): JobRow {
  const text = (key: keyof JobRow) => j[key] as string;
  const orNull = (key: keyof JobRow) => (j[key] ?? null) as string | null;
  return toJobRow({
    id: text('id'),
    orgId: text('orgId'),
    number: text('number'),
    jobTypeId: text('jobTypeId'),
    customerId: text('customerId'),
    siteId: text('siteId'),
    teamId: orNull('teamId'),
    assigneeId: orNull('assigneeId'),
    status: text('status'),
    priority: text('priority'),
    scheduledStart: new Date(text('scheduledStart')),
    scheduledEnd: new Date(text('scheduledEnd')),
    title: text('title'),
    notes: text('notes'),
    statusReason: orNull('statusReason'),
    handoffNote: orNull('handoffNote'),
    externalRef: orNull('externalRef'),
    updatedAt: new Date(text('updatedAt')),
    updatedBy: orNull('updatedBy'),
  });
}
