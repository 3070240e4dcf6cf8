import Dexie, { type Table, type Transaction } from 'dexie';
import type {
  AttachmentRow,
  CustomerRow,
  EntityName,
  FormAnswerRow,
  FormResponseRow,
  FormVersionRow,
  JobMessageRow,
  JobRow,
  JobTypeRow,
  OutstandingItemRow,
  NotificationRow,
  ReviewRoundRow,
  SiteRow,
  TeamRow,
  UserRow,
} from '@lastmile/domain';
import type { OutboxEntry, RefusedEntry, Shadow, SyncMeta } from '@lastmile/sync/client';
import type { LocalBlob, UploadEntry } from './attachment-tables.ts';

/**
 * The device's database: replicated rows, one Dexie table per entity, and the sync engine's own
 * tables (`_outbox`, `_refused`, `_shadows`, `_meta`). They share one database because an
 * optimistic row and its outbox entry must commit in one IndexedDB transaction. Upgrade rule
 * (checked by app-db.test.ts): a new version may change or clear entity tables — the engine
 * then resyncs them — but never drops or clears the `_` tables, so queued changes survive
 * every app update.
 */
/**
 * Call from the upgrade of any version that changes or clears entity tables: the sync cursor
 * is forgotten, so the next pull is a full reset that refills them. Pending changes stay and
 * are replayed on top.
 */
export async function forgetSyncCursor(tx: Transaction): Promise<void> {
  await tx
    .table('_meta')
    .toCollection()
    .modify((entry: { value: SyncMeta }) => {
      entry.value = { ...entry.value, cursor: null };
    });
}

/** The newest schema version below; tests of future upgrades build on it. */
export const APP_DB_VERSION = 6;

export const SYNC_STORES = { _outbox: 'id', _refused: 'id', _shadows: 'key', _meta: 'key' } as const;

/**
 * The photos' bytes kept on this device and their upload queue. Like the sync tables they are
 * never dropped or cleared by an upgrade: a photo taken offline survives every app update.
 */
export const ATTACHMENT_STORES = { _blobs: 'id', _uploads: 'id, createdAt' } as const;

export class AppDb extends Dexie {
  users!: Table<UserRow, string>;
  teams!: Table<TeamRow, string>;
  customers!: Table<CustomerRow, string>;
  sites!: Table<SiteRow, string>;
  jobTypes!: Table<JobTypeRow, string>;
  jobs!: Table<JobRow, string>;
  outstandingItems!: Table<OutstandingItemRow, string>;
  jobMessages!: Table<JobMessageRow, string>;
  formVersions!: Table<FormVersionRow, string>;
  formResponses!: Table<FormResponseRow, string>;
  formAnswers!: Table<FormAnswerRow, string>;
  attachments!: Table<AttachmentRow, string>;
  reviewRounds!: Table<ReviewRoundRow, string>;
  notifications!: Table<NotificationRow, string>;
  _outbox!: Table<OutboxEntry, number>;
  _refused!: Table<RefusedEntry, number>;
  _shadows!: Table<Shadow, string>;
  _meta!: Table<{ key: string; value: SyncMeta }, string>;
  _blobs!: Table<LocalBlob, string>;
  _uploads!: Table<UploadEntry, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      users: 'id, teamId',
      teams: 'id',
      customers: 'id, name',
      sites: 'id, customerId',
      jobTypes: 'id',
      jobs: 'id, scheduledStart, [assigneeId+scheduledStart], [teamId+scheduledStart], status, siteId',
      outstandingItems: 'id, ownerId, siteId, jobId, teamId, status',
      jobMessages: 'id, [jobId+createdAt]',
      ...SYNC_STORES,
    });
    // Forms (issue 5): new tables, and a full pull so rows logged before this version arrive.
    this.version(2)
      .stores({
        formVersions: 'id, templateId, [templateId+version]',
        formResponses: 'id, jobId, [jobId+templateId], templateVersionId',
        formAnswers: 'id, responseId, jobId',
        ...SYNC_STORES,
      })
      .upgrade((tx) => forgetSyncCursor(tx));
    // A person's open jobs without scanning their whole history (Today carries them over).
    this.version(3).stores({
      jobs: 'id, scheduledStart, [assigneeId+scheduledStart], [teamId+scheduledStart], [assigneeId+status], status, siteId',
      ...SYNC_STORES,
    });
    // Photos (issue 9): their records replicate like rows; a full pull refills everything.
    this.version(4)
      .stores({
        attachments: 'id, jobId, itemId, messageId, [responseId+fieldKey]',
        ...SYNC_STORES,
        ...ATTACHMENT_STORES,
      })
      .upgrade((tx) => forgetSyncCursor(tx));
    // Review rounds (issue 11): a sent-back job's comments reach the phone; a full pull brings the old ones.
    this.version(5)
      .stores({
        reviewRounds: 'id, jobId',
        ...SYNC_STORES,
        ...ATTACHMENT_STORES,
      })
      .upgrade((tx) => forgetSyncCursor(tx));
    // The inbox (issue 13): a new table; notifications are new, nothing older to pull again.
    this.version(APP_DB_VERSION).stores({
      notifications: 'id, createdAt, jobId',
      ...SYNC_STORES,
      ...ATTACHMENT_STORES,
    });
  }

  entityTable(entity: EntityName): Table<{ id: string }, string> {
    return this.table(entity);
  }
}
