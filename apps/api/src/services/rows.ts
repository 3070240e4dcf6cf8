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

export function toJobRow(row: typeof jobs.$inferSelect): JobRow {
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
