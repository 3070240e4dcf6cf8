import type { FormAnswerRow } from '@lastmile/domain';
import { describe, expect, it } from 'vitest';
import { t } from '../../../i18n/index.ts';
import '../../../i18n/screens-messages.ts';
import { answerMetas } from './answer-metas.ts';

const answer = (fieldKey: string, answeredBy: string, extra: Partial<FormAnswerRow> = {}): FormAnswerRow => ({
  id: `r1:${fieldKey}`,
  orgId: 'o',
  responseId: 'r1',
  jobId: 'j1',
  fieldKey,
  value: 'x',
  answeredBy,
  capturedAt: '2026-12-01T09:30:00Z',
  updatedAt: '2026-12-01T09:30:00Z',
  historyCount: 0,
  conflict: false,
  ...extra,
});

describe('answer metas of a job handed over from another team (ADR 0051)', () => {
  // This phone holds its own team: Aisha. Liam answered before the job came over from his team.
  const people = new Map([['aisha', { name: 'Aisha Begum' }]]);
  const answers = [
    answer('make', 'aisha'),
    answer('pressure', 'liam'),
    answer('leak', 'liam', { conflict: true, historyCount: 1 }),
  ];

  it('names a person the phone holds, and says "someone outside your team" for one it does not', () => {
    const metas = answerMetas(answers, people, false, t);
    expect(metas.make?.byName).toBe('Aisha Begum');
    expect(metas.pressure?.byName).toBe('Someone outside your team');
    expect(metas.leak).toMatchObject({ byName: 'Someone outside your team', conflictBy: 'someone else', review: null });
  });

  it('shows a reviewer the history and the conflict whoever answered', () => {
    const metas = answerMetas(answers, people, true, t);
    expect(metas.leak?.review).toEqual({ responseId: 'r1', historyCount: 1, conflict: true });
    expect(metas.make?.review).toBeNull();
  });
});
