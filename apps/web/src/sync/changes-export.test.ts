import { describe, expect, it } from 'vitest';
import { buildChangesExport, exportFileName, type ChangesExport } from './changes-export.ts';

const session = {
  user: { id: 'u1', name: 'Ada Tech', email: 'ada@example.com' },
  org: { id: 'o1', name: 'Demo Heating' },
};
const pending = [
  {
    id: 7,
    name: 'updateJobNotes' as const,
    args: { jobId: 'j1', notes: 'Replaced the valve\u0000' },
    clientTime: '2026-11-21T10:42:00.000Z',
    baseVersion: 12,
    actorId: 'u1',
  },
];
const refused = [
  {
    id: 3,
    name: 'setAnswer',
    args: { responseId: 'r1', fieldKey: 'flue_co', value: 1000 },
    code: 'validation',
    reason: 'Flue gas CO: must be at most 500.',
    clientTime: '2026-11-21T09:00:00.000Z',
    actorId: 'u1',
    processedAt: '2026-11-21T09:05:00.000Z',
  },
];

describe('the copy of this phone’s changes', () => {
  it('holds every pending and refused change with its exact args, and survives a JSON round trip', () => {
    const file = buildChangesExport({
      now: new Date('2026-11-21T11:00:00.000Z'),
      session,
      clientId: 'client-abc',
      trouble: null,
      pending,
      refused,
      describe: (e) => `described ${e.name}`,
    });
    const read = JSON.parse(JSON.stringify(file)) as ChangesExport;
    expect(read).toMatchObject({ format: 'lastmile-changes', version: 1, clientId: 'client-abc' });
    expect(read.person).toEqual({ id: 'u1', name: 'Ada Tech', email: 'ada@example.com' });
    expect(read.pending).toEqual([{ ...pending[0], description: 'described updateJobNotes' }]);
    expect(read.refused).toEqual([{ ...refused[0], description: 'described setAnswer' }]);
  });

  it('names the file by the local date and time, so saved copies sort', () => {
    expect(exportFileName(new Date(2026, 10, 21, 9, 5))).toBe('lastmile-changes-2026-11-21-0905.json');
  });
});
