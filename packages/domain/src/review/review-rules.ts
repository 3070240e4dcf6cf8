import { AppError, ERROR_CODES } from '../errors.ts';
import type { JobRow } from '../entities.ts';
import { indexDefinition } from '../forms/field-index.ts';
import type { AnswerValue } from '../forms/answers.ts';
import type { TemplateDefinition } from '../forms/definition.ts';
import { statusLabel } from '../job-status.ts';
import type { Actor } from '../mutators/tx.ts';
import type { FieldComment, ReviewDecision, ReviewJobArgs, ReviewMode, ReviewStage } from './review-round.ts';
import { currentRound, type RoundFacts } from './current-round.ts';

/** Whom a submitted job waits for under `mode`, given the decisions made so far. */
export function awaitingStage(mode: ReviewMode, rounds: readonly RoundFacts[]): ReviewStage {
  if (mode === 'office') return 'office';
  if (mode === 'lead') return 'lead';
  const round = currentRound(rounds);
  return rounds.some((r) => r.round === round && r.stage === 'lead' && r.decision === 'approved') ? 'office' : 'lead';
}

/** May this person review at all (before looking at a job)? Used to offer the review screens. */
export function canReview(role: Actor['role'], mode: ReviewMode): boolean {
  if (role === 'technician') return false;
  if (role === 'lead') return mode !== 'office';
  return true;
}

export type ReviewPlan = {
  stage: ReviewStage;
  round: number;
  /** The job's status after the decision: a lead's approval in a two-step review leaves it submitted, for the office. */
  jobStatus: 'approved' | 'sent_back' | 'submitted';
};

type PlanInput = {
  actor: Actor;
  job: Pick<JobRow, 'number' | 'status' | 'teamId'>;
  /**
   * The device knows neither the organization's mode nor, through a mutation's tx, the job's
   * rounds: it passes null for both, trusts the round the reviewer read, and leaves a lead's
   * approval at "submitted" until the server's answer arrives. The server passes both.
   */
  mode: ReviewMode | null;
  rounds: readonly RoundFacts[] | null;
  args: Pick<ReviewJobArgs, 'round' | 'decision' | 'comment' | 'fieldComments'>;
};

const DECIDED: Record<ReviewDecision, string> = { approved: 'approved', sent_back: 'sent back' };

/**
 * The rules of a review decision, the same on the device and on the server: who may decide,
 * on which submission, and what the decision does to the job. Throws the refusal a person reads.
 */
export function planReview({ actor, job, mode, rounds, args }: PlanInput): ReviewPlan {
  if (actor.role === 'technician') throw new AppError(ERROR_CODES.forbidden, 'Technicians cannot review jobs.');
  const round = rounds ? currentRound(rounds) : args.round;
  if (job.status !== 'submitted') {
    const last = rounds?.findLast((r) => r.round === args.round);
    const what = last ? `was already ${DECIDED[last.decision]} by someone else` : `is ${statusLabel(job.status)}`;
    throw new AppError(
      ERROR_CODES.illegalTransition,
      `Job ${job.number} ${what}, so it is not waiting for review; your decision was not applied.`,
    );
  }
  if (args.round < round) {
    throw new AppError(
      ERROR_CODES.conflict,
      `Job ${job.number} was sent back and resubmitted after you opened it (now round ${round}); read the new submission and decide again.`,
    );
  }
  if (args.round > round) {
    throw new AppError(ERROR_CODES.validation, `Job ${job.number} has no round ${args.round} yet.`, [
      { path: 'round', message: `must be ${round}` },
    ]);
  }
  if (args.decision === 'sent_back' && !args.comment.trim() && args.fieldComments.length === 0) {
    throw new AppError(
      ERROR_CODES.validation,
      'Sending a job back needs a comment: on the whole submission or on at least one field.',
      [{ path: 'comment', message: 'is required' }],
    );
  }
  const seen = new Set<string>();
  for (const c of args.fieldComments) {
    const key = `${c.responseId}|${c.fieldKey}|${c.entryIndex ?? ''}`;
    if (seen.has(key))
      throw new AppError(ERROR_CODES.validation, `Field "${c.fieldKey}" has two comments; write one.`, [
        { path: 'fieldComments', message: 'one comment per field' },
      ]);
    seen.add(key);
  }
  if (actor.role !== 'lead') return { stage: 'office', round, jobStatus: args.decision };
  if (mode === 'office') {
    throw new AppError(ERROR_CODES.forbidden, 'In your organization the office reviews submissions, not team leads.');
  }
  if (job.teamId === null || job.teamId !== actor.teamId) {
    throw new AppError(ERROR_CODES.forbidden, `Job ${job.number} belongs to another team.`);
  }
  if (mode && rounds && awaitingStage(mode, rounds) === 'office') {
    throw new AppError(
      ERROR_CODES.conflict,
      `Job ${job.number} was already approved by a lead in this round; it is waiting for the office.`,
    );
  }
  const jobStatus = args.decision === 'sent_back' ? 'sent_back' : mode === 'lead' ? 'approved' : 'submitted';
  return { stage: 'lead', round, jobStatus };
}

/**
 * Why a field comment points at nothing (null when it is fine): the form must belong to the job,
 * the field must be on its template version, and a field inside a repeat group needs an entry
 * that exists. `groupValue` is the current answer of the field's group, if any.
 */
export function fieldCommentProblem(
  comment: FieldComment,
  definition: TemplateDefinition | undefined,
  groupValue: AnswerValue | null | undefined,
): string | null {
  if (!definition) return 'This comment is on a form that is not part of the job.';
  const indexed = indexDefinition(definition).byKey.get(comment.fieldKey);
  if (!indexed || indexed.field.type === 'instructions') return `The form has no field "${comment.fieldKey}".`;
  if (!indexed.group) {
    return comment.entryIndex === null ? null : `"${indexed.field.label}" is not inside a repeat group.`;
  }
  if (comment.entryIndex === null) return `Say which entry of "${indexed.group.label}" the comment is on.`;
  const entries = Array.isArray(groupValue) ? groupValue.length : 0;
  return comment.entryIndex < entries ? null : `"${indexed.group.label}" has no entry ${comment.entryIndex + 1}.`;
}

/** The group a field comment's field sits in (its answer holds the entries), or null. */
export function groupKeyOf(definition: TemplateDefinition, fieldKey: string): string | null {
  return indexDefinition(definition).byKey.get(fieldKey)?.group?.key ?? null;
}
