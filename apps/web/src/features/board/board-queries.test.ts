import type { UserRow } from '@lastmile/domain';
import { sequentialJobRows } from '@lastmile/domain/testing';
import { describe, expect, it } from 'vitest';
import { localDay } from '../../jobs/job-queries.ts';
import { boardDays, boardLoad, buildBoard, hours, rescheduleToDay } from './board-queries.ts';

const at = (hour: number, dayOffset = 0, minute = 0) => new Date(2025, 4, 12 + dayOffset, hour, minute).toISOString();
const job = sequentialJobRows({
  orgId: 'org',
  jobTypeId: 't',
  customerId: 'c',
  siteId: 's',
  teamId: 'team',
  assigneeId: null,
  status: 'scheduled',
  scheduledStart: at(9),
  scheduledEnd: at(10),
  title: '',
  updatedAt: at(7),
});
const user = (id: string, name: string): UserRow => ({
  id,
  orgId: 'org',
  teamId: 'team',
  name,
  email: `${id}@x`,
  role: 'technician',
  active: true,
});
const day = localDay(new Date(2025, 4, 12, 8));

describe('boardLoad', () => {
  it('counts jobs and scheduled hours per technician for the day, not cancelled ones', () => {
    const load = boardLoad(
      [
        job({ assigneeId: 'ana', scheduledStart: at(8), scheduledEnd: at(10) }),
        job({ assigneeId: 'ana', scheduledStart: at(13), scheduledEnd: at(14, 0, 30) }),
        job({ assigneeId: 'ana', status: 'cancelled' }),
        job({ assigneeId: 'ben', scheduledStart: at(9, 1), scheduledEnd: at(10, 1) }),
        job({ assigneeId: null }),
      ],
      day,
    );
    expect(load.get('ana')).toEqual({ count: 2, minutes: 210 });
    expect(load.has('ben')).toBe(false);
    expect(hours(210)).toBe(3.5);
  });

  it('counts only the part of a night job that falls on the day', () => {
    const load = boardLoad([job({ assigneeId: 'ana', scheduledStart: at(22, -1), scheduledEnd: at(2) })], day);
    expect(load.get('ana')).toEqual({ count: 1, minutes: 120 });
  });
});

describe('buildBoard', () => {
  it('puts people down the side by name, days across, open unassigned work in the tray', () => {
    const days = boardDays(day, 3);
    const ana = user('ana', 'Ana');
    const zed = user('zed', 'Zed');
    const views = [
      { job: job({ assigneeId: 'zed', scheduledStart: at(9, 1), scheduledEnd: at(10, 1) }) },
      { job: job({ assigneeId: 'ana', scheduledStart: at(11), scheduledEnd: at(12) }) },
      { job: job({ assigneeId: 'ana', scheduledStart: at(8), scheduledEnd: at(9) }) },
      { job: job({ number: 'tray', assigneeId: null, scheduledStart: at(9, 2), scheduledEnd: at(10, 2) }) },
      { job: job({ assigneeId: null, status: 'cancelled' }) },
      { job: job({ assigneeId: null, scheduledStart: at(9, 5), scheduledEnd: at(10, 5) }) },
    ];
    const board = buildBoard(views, [zed, ana], days, day);
    expect(board.rows.map((r) => r.member.name)).toEqual(['Ana', 'Zed']);
    expect(board.rows[0]!.cells.map((c) => c.length)).toEqual([2, 0, 0]);
    expect(Date.parse(board.rows[0]!.cells[0]![0]!.job.scheduledStart)).toBeLessThan(
      Date.parse(board.rows[0]!.cells[0]![1]!.job.scheduledStart),
    );
    expect(board.rows[1]!.cells.map((c) => c.length)).toEqual([0, 1, 0]);
    expect(board.rows[0]!.load).toEqual({ count: 2, minutes: 120 });
    expect(board.tray.map((v) => v.job.number)).toEqual(['tray']);
  });

  it('keeps a row for an assignee who is not in the member list', () => {
    const ghost = user('ghost', 'Gus');
    const board = buildBoard([{ job: job({ assigneeId: 'ghost' }), assignee: ghost }], [], boardDays(day, 1), day);
    expect(board.rows.map((r) => r.member.name)).toEqual(['Gus']);
  });
});

describe('rescheduleToDay', () => {
  const day = (y: number, m: number, d: number) => ({ start: new Date(y, m, d), end: new Date(y, m, d + 1) });
  it('moves a job to another day keeping its time of day and duration', () => {
    const job = {
      scheduledStart: new Date(2026, 10, 21, 9, 30).toISOString(),
      scheduledEnd: new Date(2026, 10, 21, 11, 0).toISOString(),
    };
    expect(rescheduleToDay(job, day(2026, 10, 24))).toEqual({
      scheduledStart: new Date(2026, 10, 24, 9, 30).toISOString(),
      scheduledEnd: new Date(2026, 10, 24, 11, 0).toISOString(),
    });
  });
  it('leaves a job on its own day alone', () => {
    const job = {
      scheduledStart: new Date(2026, 10, 21, 9, 30).toISOString(),
      scheduledEnd: new Date(2026, 10, 21, 11, 0).toISOString(),
    };
    expect(rescheduleToDay(job, day(2026, 10, 21))).toBeNull();
  });
});
