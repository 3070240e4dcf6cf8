import { describe, expect, it } from 'vitest';
import type { JobRow, OutstandingItemRow } from '@lastmile/domain';
import { itemEvents, jobEvents } from './job-events.ts';

const job = (patch: Partial<JobRow> = {}): JobRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  orgId: '00000000-0000-4000-8000-000000000002',
  number: 'J-1',
  jobTypeId: '00000000-0000-4000-8000-000000000003',
  customerId: '00000000-0000-4000-8000-000000000004',
  siteId: '00000000-0000-4000-8000-000000000005',
  teamId: null,
  assigneeId: null,
  status: 'scheduled',
  priority: 'normal',
  scheduledStart: '2026-12-01T08:00:00.000Z',
  scheduledEnd: '2026-12-01T09:00:00.000Z',
  title: 'Boiler',
  notes: '',
  statusReason: null,
  handoffNote: null,
  externalRef: null,
  updatedAt: '2026-12-01T08:00:00.000Z',
  updatedBy: null,
  ...patch,
});
const tech = '00000000-0000-4000-8000-0000000000aa';

describe('jobEvents', () => {
  it('tells of a new job, and of its assignee when it was created with one', () => {
    expect(jobEvents(null, job())).toEqual(['job.created']);
    expect(jobEvents(null, job({ assigneeId: tech }))).toEqual(['job.created', 'job.assigned']);
  });

  it('tells of a new assignee, not of an unassignment', () => {
    expect(jobEvents(job(), job({ assigneeId: tech }))).toEqual(['job.assigned']);
    expect(jobEvents(job({ assigneeId: tech }), job())).toEqual([]);
    expect(jobEvents(job({ assigneeId: tech }), job({ assigneeId: tech, title: 'x' }))).toEqual([]);
  });

  it('tells of work starting (also again after a send back) but not of a resume after a pause', () => {
    expect(jobEvents(job(), job({ status: 'in_progress' }))).toEqual(['job.started']);
    expect(jobEvents(job({ status: 'sent_back' }), job({ status: 'in_progress' }))).toEqual(['job.started']);
    expect(jobEvents(job({ status: 'paused' }), job({ status: 'in_progress' }))).toEqual([]);
    expect(jobEvents(job({ status: 'in_progress' }), job({ status: 'paused' }))).toEqual([]);
  });

  it('tells of each step of the review lifecycle, and of a cancellation', () => {
    expect(jobEvents(job({ status: 'in_progress' }), job({ status: 'completed' }))).toEqual(['job.completed']);
    expect(jobEvents(job({ status: 'completed' }), job({ status: 'submitted' }))).toEqual(['job.submitted']);
    expect(jobEvents(job({ status: 'submitted' }), job({ status: 'approved' }))).toEqual(['job.approved']);
    expect(jobEvents(job({ status: 'submitted' }), job({ status: 'sent_back' }))).toEqual(['job.sent_back']);
    expect(jobEvents(job(), job({ status: 'cancelled' }))).toEqual(['job.cancelled']);
  });
});

describe('itemEvents', () => {
  const item = (status: OutstandingItemRow['status']) => ({ status }) as OutstandingItemRow;
  it('tells of a raised item and of each closing (done or won’t do, also from one to the other)', () => {
    expect(itemEvents(null, item('open'))).toEqual(['item.raised']);
    expect(itemEvents(item('open'), item('done'))).toEqual(['item.closed']);
    expect(itemEvents(item('in_progress'), item('wont_do'))).toEqual(['item.closed']);
    // From one way of closing to the other is a new closing: what is billed changes.
    expect(itemEvents(item('done'), item('wont_do'))).toEqual(['item.closed']);
    expect(itemEvents(item('wont_do'), item('done'))).toEqual(['item.closed']);
    expect(itemEvents(item('done'), item('done'))).toEqual([]);
    expect(itemEvents(item('open'), item('in_progress'))).toEqual([]);
  });
});
