import { describe, expect, it } from 'vitest';
import type { ReviewRoundRow } from '@lastmile/domain';
import { changesSinceLastRound, commentsByField, openSendBack } from './review-rounds.ts';

const R = '11111111-1111-4111-8111-111111111111';
const round = (
  n: number,
  decision: ReviewRoundRow['decision'],
  answers: ReviewRoundRow['answers'],
): ReviewRoundRow => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  orgId: R,
  jobId: R,
  round: n,
  stage: 'office',
  decision,
  reviewerId: R,
  comment: '',
  fieldComments:
    decision === 'sent_back' ? [{ responseId: R, fieldKey: 'co', entryIndex: null, comment: 'Too high' }] : [],
  answers,
  decidedAt: `2026-11-2${n}T10:00:00.000Z`,
});

describe('review rounds on the device', () => {
  it('marks answers changed since the previous round, with the value seen then', () => {
    const rounds = [round(1, 'sent_back', { [`${R}:co`]: 1000, [`${R}:notes`]: 'ok', [`${R}:gone`]: 'x' })];
    const answers = [
      { responseId: R, fieldKey: 'co', value: 8 },
      { responseId: R, fieldKey: 'notes', value: 'ok' },
    ];
    const changes = changesSinceLastRound(rounds, answers);
    expect([...changes]).toEqual([
      [`${R}:co`, { before: 1000 }],
      [`${R}:gone`, { before: 'x' }],
    ]);
  });

  it('has nothing changed on a first submission', () => {
    expect(changesSinceLastRound([], [{ responseId: R, fieldKey: 'co', value: 8 }]).size).toBe(0);
  });

  it('an open send back is the last decision only; its comments are keyed by place', () => {
    const sentBack = round(1, 'sent_back', {});
    expect(openSendBack([sentBack])).toBe(sentBack);
    expect(openSendBack([sentBack, round(2, 'approved', {})])).toBeNull();
    expect([...commentsByField(sentBack)]).toEqual([[`${R}|co|`, 'Too high']]);
  });
});
