import type { JobRow } from '@lastmile/domain';
import { sequentialJobRows } from '@lastmile/domain/testing';
import { describe, expect, it } from 'vitest';
import { localDay } from './job-queries.ts';
import { groupForToday, isOverdue, needsAttention, todayWindow } from './today-groups.ts';

const at = (hour: number, dayOffset = 0) => new Date(2025, 4, 12 + dayOffset, hour).toISOString();
const jobRow = sequentialJobRows({
  orgId: 'org',
  jobTypeId: 't',
  customerId: 'c',
  siteId: 's',
  teamId: 'team',
  assigneeId: 'me',
  status: 'scheduled',
  scheduledStart: at(9),
  scheduledEnd: at(10),
  title: '',
  updatedAt: at(7),
});
const job = (overrides: Partial<JobRow> = {}): { job: JobRow } => ({ job: jobRow(overrides) });

const now = new Date(2025, 4, 12, 11);
const day = localDay(now);

describe('isOverdue', () => {
  it('is overdue when the end has passed and the job is open', () => {
    expect(isOverdue(job({ scheduledEnd: at(10) }).job, now)).toBe(true);
    expect(isOverdue(job({ scheduledEnd: at(10), status: 'paused' }).job, now)).toBe(true);
    expect(isOverdue(job({ scheduledEnd: at(12) }).job, now)).toBe(false);
  });

  it('is never overdue once completed or cancelled', () => {
    expect(isOverdue(job({ scheduledEnd: at(8), status: 'completed' }).job, now)).toBe(false);
    expect(isOverdue(job({ scheduledEnd: at(8), status: 'cancelled' }).job, now)).toBe(false);
  });

  it('flags sent-back jobs for attention whatever the time', () => {
    expect(needsAttention(job({ scheduledEnd: at(18), status: 'sent_back' }).job, now)).toBe(true);
    expect(needsAttention(job({ scheduledEnd: at(18) }).job, now)).toBe(false);
  });
});

describe('groupForToday', () => {
  it('splits today, tomorrow and the past week, each in a useful order', () => {
    const late = job({ number: 'late', scheduledStart: at(14), scheduledEnd: at(15) });
    const early = job({ number: 'early', scheduledStart: at(8), scheduledEnd: at(9) });
    const tomorrow = job({ number: 'tomorrow', scheduledStart: at(9, 1), scheduledEnd: at(10, 1) });
    const yesterdayDone = job({
      number: 'yesterday',
      scheduledStart: at(9, -1),
      scheduledEnd: at(10, -1),
      status: 'submitted',
    });
    const threeDaysDone = job({
      number: 'three',
      scheduledStart: at(9, -3),
      scheduledEnd: at(10, -3),
      status: 'approved',
    });
    const carried = job({ number: 'carried', scheduledStart: at(9, -2), scheduledEnd: at(10, -2), status: 'paused' });
    const old = job({ number: 'old', scheduledStart: at(9, -9), scheduledEnd: at(10, -9), status: 'approved' });
    const later = job({ number: 'later', scheduledStart: at(9, 3), scheduledEnd: at(10, 3) });
    const groups = groupForToday([late, tomorrow, yesterdayDone, early, threeDaysDone, carried, old, later], day);
    expect(groups.today.map((v) => v.job.number)).toEqual(['carried', 'early', 'late']);
    expect(groups.tomorrow.map((v) => v.job.number)).toEqual(['tomorrow']);
    expect(groups.pastWeek.map((v) => v.job.number)).toEqual(['yesterday', 'three']);
  });

  it('reads a window from a week ago to the end of tomorrow', () => {
    const window = todayWindow(day);
    expect(window.start).toEqual(new Date(2025, 4, 5));
    expect(window.end).toEqual(new Date(2025, 4, 14));
  });
});
