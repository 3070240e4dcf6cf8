import type { ReviewRoundRow } from './review-round.ts';

export type RoundFacts = Pick<ReviewRoundRow, 'round' | 'stage' | 'decision'>;

/**
 * The submission being reviewed now: one more than the number of times the job was sent back.
 * Its own module because the technician home needs it without the review rules' other checks
 * (a module goes whole into one chunk).
 */
export function currentRound(rounds: readonly RoundFacts[]): number {
  return 1 + rounds.filter((r) => r.decision === 'sent_back').length;
}
