import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '@lastmile/domain';
import { idsNamedBy, reportActivity } from './report-activity.ts';

const TECH = '0190a5b2-0000-7000-8000-000000000001';
const LEAD = '0190a5b2-0000-7000-8000-000000000002';
const event = (changes: AuditEvent['changes'], action = 'transitionJob'): AuditEvent => ({
  id: '0190a5b2-0000-7000-8000-0000000000ff',
  seq: 1,
  source: 'sync',
  userId: TECH,
  clientId: 'device-1',
  action,
  entity: 'jobs',
  entityId: null,
  jobId: null,
  mutationId: 7,
  at: '2030-01-02T08:00:00.000Z',
  clientTime: '2030-01-02T07:59:00.000Z',
  changes,
});

describe('reportActivity', () => {
  const names = new Map([
    [TECH, 'Łukasz Żółć'],
    [LEAD, 'Lead One'],
  ]);

  it('words status, reason and assignment changes with names, and leaves answers to the form section', () => {
    const lines = reportActivity(
      [
        event([
          { field: 'status', before: 'in_progress', after: 'paused' },
          { field: 'statusReason', before: null, after: 'Waiting for a part' },
        ]),
        event([{ field: 'answer', fieldKey: 'pressure', before: 1, after: 2 }], 'setAnswer'),
        event([{ field: 'assigneeId', before: TECH, after: LEAD }], 'assignJob'),
      ],
      names,
    );
    expect(lines.map((l) => l.summary)).toEqual([
      'Status: In progress → Paused; Reason: — → Waiting for a part',
      'Technician: Łukasz Żółć → Lead One',
    ]);
    expect(lines[0]).toMatchObject({ actor: 'Łukasz Żółć', deviceTime: '2030-01-02T07:59:00.000Z' });
  });

  it('names every person an event mentions, for one lookup', () => {
    expect(idsNamedBy([event([{ field: 'assigneeId', before: TECH, after: LEAD }])]).sort()).toEqual(
      [TECH, LEAD].sort(),
    );
  });
});
