import { newId } from '../ids.ts';
import type { JobRow } from '../entities.ts';

/**
 * A valid job row for tests: scheduled, normal priority, unassigned, an hour on 21 Nov 2026,
 * fresh ids. A test states the values it relies on as overrides.
 */
export function sampleJobRow(overrides: Partial<JobRow> = {}): JobRow {
  return {
    id: newId(),
    orgId: newId(),
    number: 'J-00001',
    jobTypeId: newId(),
    customerId: newId(),
    siteId: newId(),
    teamId: null,
    assigneeId: null,
    status: 'scheduled',
    priority: 'normal',
    scheduledStart: '2026-11-21T08:00:00.000Z',
    scheduledEnd: '2026-11-21T09:00:00.000Z',
    title: 'Boiler',
    notes: '',
    statusReason: null,
    handoffNote: null,
    externalRef: null,
    updatedAt: '2026-11-21T07:00:00.000Z',
    updatedBy: null,
    ...overrides,
  };
}

/**
 * A job row factory with readable sequential ids and numbers (`…000000000001`, `J-1`; then 2, 3…),
 * for tests that sort or group rows: `base` holds the values every row of the test shares.
 */
export function sequentialJobRows(base: Partial<JobRow> = {}): (overrides?: Partial<JobRow>) => JobRow {
  let seq = 0;
  return (overrides = {}) => {
    seq += 1;
    return sampleJobRow({
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      number: `J-${seq}`,
      ...base,
      ...overrides,
    });
  };
}
