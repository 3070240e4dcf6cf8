import type { JobRow, UserRow } from '@lastmile/domain';
import { sequentialJobRows } from '@lastmile/domain/testing';
import { describe, expect, it } from 'vitest';
import {
  compareBySchedule,
  groupByAssignee,
  isScheduledOnDay,
  localDay,
  matchesFilter,
  type JobView,
} from './job-queries.ts';

/** Local wall-clock time on 12 May 2025, as the ISO string the server sends. */
const at = (hour: number, minute = 0, dayOffset = 0) => new Date(2025, 4, 12 + dayOffset, hour, minute).toISOString();

const job = sequentialJobRows({
  orgId: 'org',
  jobTypeId: 'type',
  customerId: 'customer',
  siteId: 'site',
  teamId: 'team',
  assigneeId: null,
  status: 'scheduled',
  scheduledStart: at(9),
  scheduledEnd: at(10),
  title: 'Boiler service',
  updatedAt: at(7),
});

function view(row: JobRow, extra: Partial<JobView> = {}): JobView {
  return { job: row, customer: undefined, site: undefined, jobType: undefined, assignee: undefined, ...extra };
}

function user(id: string, name: string): UserRow {
  return { id, orgId: 'org', teamId: 'team', name, email: `${id}@x.test`, role: 'technician', active: true };
}

const today = localDay(new Date(2025, 4, 12, 15, 30));

describe('localDay', () => {
  it('runs from local midnight to the next local midnight', () => {
    expect(today.start).toEqual(new Date(2025, 4, 12));
    expect(today.end).toEqual(new Date(2025, 4, 13));
  });
});

describe('isScheduledOnDay', () => {
  it('includes jobs starting today, including at midnight', () => {
    expect(isScheduledOnDay(job({ scheduledStart: at(0), scheduledEnd: at(1) }), today)).toBe(true);
    expect(isScheduledOnDay(job({ scheduledStart: at(23, 30), scheduledEnd: at(1, 0, 1) }), today)).toBe(true);
  });

  it('includes a night job that started yesterday and is still running today', () => {
    expect(isScheduledOnDay(job({ scheduledStart: at(22, 0, -1), scheduledEnd: at(2) }), today)).toBe(true);
  });

  it("excludes yesterday's and tomorrow's jobs", () => {
    expect(isScheduledOnDay(job({ scheduledStart: at(9, 0, -1), scheduledEnd: at(10, 0, -1) }), today)).toBe(false);
    expect(isScheduledOnDay(job({ scheduledStart: at(22, 0, -1), scheduledEnd: at(0) }), today)).toBe(false);
    expect(isScheduledOnDay(job({ scheduledStart: at(0, 0, 1), scheduledEnd: at(1, 0, 1) }), today)).toBe(false);
  });

  it('compares instants, whatever offset the server wrote', () => {
    const start = new Date(2025, 4, 12, 9);
    const withOffset = start.toISOString().replace('Z', '+00:00');
    expect(isScheduledOnDay(job({ scheduledStart: withOffset, scheduledEnd: withOffset }), today)).toBe(true);
  });
});

describe('compareBySchedule', () => {
  it('orders by start time, then urgency, then job number', () => {
    const late = job({ number: 'J-1', scheduledStart: at(13) });
    const early = job({ number: 'J-2', scheduledStart: at(8) });
    const sameTimeUrgent = job({ number: 'J-9', scheduledStart: at(13), priority: 'urgent' });
    const sameTimeLow = job({ number: 'J-10', scheduledStart: at(13), priority: 'low' });
    const sorted = [late, sameTimeLow, early, sameTimeUrgent].sort(compareBySchedule);
    expect(sorted.map((j) => j.number)).toEqual(['J-2', 'J-9', 'J-1', 'J-10']);
  });
});

describe('groupByAssignee', () => {
  it('puts unassigned work first, then technicians by name, each in schedule order', () => {
    const zoe = user('u-zoe', 'Zoe');
    const ben = user('u-ben', 'Ben');
    const groups = groupByAssignee([
      view(job({ assigneeId: zoe.id, scheduledStart: at(11) }), { assignee: zoe }),
      view(job({ assigneeId: ben.id, scheduledStart: at(14), number: 'B-2' }), { assignee: ben }),
      view(job({ assigneeId: null })),
      view(job({ assigneeId: ben.id, scheduledStart: at(8), number: 'B-1' }), { assignee: ben }),
    ]);
    expect(groups.map((g) => g.assignee?.name ?? null)).toEqual([null, 'Ben', 'Zoe']);
    expect(groups[1]?.jobs.map((v) => v.job.number)).toEqual(['B-1', 'B-2']);
  });

  it('keeps jobs of a technician whose user row has not synced, after the named ones', () => {
    const ben = user('u-ben', 'Ben');
    const groups = groupByAssignee([
      view(job({ assigneeId: 'u-ghost' })),
      view(job({ assigneeId: ben.id }), { assignee: ben }),
    ]);
    expect(groups.map((g) => g.assigneeId)).toEqual(['u-ben', 'u-ghost']);
  });
});

describe('matchesFilter', () => {
  const boiler = view(job({ number: 'J-1042', title: 'Annual boiler service', status: 'in_progress' }), {
    customer: { id: 'c', orgId: 'org', name: 'Harbour Bakery', phone: null, email: null },
    site: {
      id: 's',
      orgId: 'org',
      customerId: 'c',
      name: 'Main shop',
      address: '12 Quay Street, Portsmouth',
      lat: null,
      lng: null,
      accessNotes: '',
    },
  });

  it('matches number, title, customer and address, case-insensitively', () => {
    for (const query of ['j-1042', 'BOILER', 'harbour', 'quay street', 'main shop']) {
      expect(matchesFilter(boiler, { query, status: 'all' })).toBe(true);
    }
  });

  it('needs every word to match somewhere', () => {
    expect(matchesFilter(boiler, { query: 'bakery portsmouth', status: 'all' })).toBe(true);
    expect(matchesFilter(boiler, { query: 'bakery london', status: 'all' })).toBe(false);
  });

  it('filters by status', () => {
    expect(matchesFilter(boiler, { query: '', status: 'in_progress' })).toBe(true);
    expect(matchesFilter(boiler, { query: '', status: 'scheduled' })).toBe(false);
  });
});
