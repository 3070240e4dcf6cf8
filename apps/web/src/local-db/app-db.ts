import Dexie, { type Table } from 'dexie';
import type {
  CustomerRow,
  EntityName,
  JobMessageRow,
  JobRow,
  JobTypeRow,
  OutstandingItemRow,
  SiteRow,
  TeamRow,
  UserRow,
} from '@lastmile/domain';

/**
 * Replicated rows, one Dexie table per entity. This database may be dropped and rebuilt from
 * the server on an incompatible upgrade; queued changes live apart, in the sync database
 * (sync-db.ts), so they survive that.
 */
export class AppDb extends Dexie {
  users!: Table<UserRow, string>;
  teams!: Table<TeamRow, string>;
  customers!: Table<CustomerRow, string>;
  sites!: Table<SiteRow, string>;
  jobTypes!: Table<JobTypeRow, string>;
  jobs!: Table<JobRow, string>;
  outstandingItems!: Table<OutstandingItemRow, string>;
  jobMessages!: Table<JobMessageRow, string>;

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
    });
  }

  entityTable(entity: EntityName): Table<{ id: string }, string> {
    return this.table(entity);
  }
}
