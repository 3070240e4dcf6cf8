import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './org.ts';

/**
 * Photos and signatures: the record (replicated to devices as `attachments`) and where its
 * verified bytes are. The bytes themselves live in the blob store (a directory or S3), under
 * `storageKey`, written only after size, SHA-256 and file type were checked.
 * No foreign keys to jobs/items/messages: the record may arrive before (offline order) or
 * outlive them; the mutator checks the target exists.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind', { enum: ['job', 'answer', 'item', 'message'] }).notNull(),
    jobId: uuid('job_id'),
    itemId: uuid('item_id'),
    messageId: uuid('message_id'),
    responseId: uuid('response_id'),
    fieldKey: text('field_key'),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    caption: text('caption').notNull().default(''),
    capturedBy: uuid('captured_by')
      .notNull()
      .references(() => users.id),
    capturedAt: timestamp('captured_at', { withTimezone: true }).notNull(),
    /**
     * The sync client (device) whose push recorded it. In crew mode that device's own session may
     * send the bytes even after the photographer left its crew (ADR 0033); never sent to devices.
     * Null for records made otherwise (signatures moved at start, the REST API).
     */
    clientId: text('client_id'),
    /** Where it was taken: kept only when the organization turns it on (photo settings). */
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    locationAccuracyM: real('location_accuracy_m'),
    /** `deleted`: gone for everyone; its bytes are removed from the blob store by a sweep, then the row. */
    state: text('state', { enum: ['pending', 'available', 'deleted'] })
      .notNull()
      .default('pending'),
    storageKey: text('storage_key'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('attachments_job_idx').on(t.jobId),
    index('attachments_item_idx').on(t.itemId),
    index('attachments_org_state_idx').on(t.orgId, t.state),
    // The sweep of deleted photos finds its few rows without reading the table.
    index('attachments_deleted_idx')
      .on(t.createdAt)
      .where(sql`${t.state} = 'deleted'`),
  ],
);
