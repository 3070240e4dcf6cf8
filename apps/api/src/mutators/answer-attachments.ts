import { and, eq, inArray } from 'drizzle-orm';
import {
  AppError,
  ERROR_CODES,
  idSchema,
  type AnswerValue,
  type Field,
  type LeafField,
  type LeafValue,
} from '@lastmile/domain';
import type { AnyTx } from '@lastmile/sync/server';
import { attachments } from '../db/schema/index.ts';

type Ref = { id: string; signature: boolean };

/** The attachments a leaf value names: a photos field's list, or a signature's id (not a data URL). */
function leafRefs(field: LeafField, value: unknown): Ref[] {
  if (field.type === 'photos' && Array.isArray(value))
    return value.filter((v): v is string => typeof v === 'string').map((id) => ({ id, signature: false }));
  if (field.type === 'signature' && typeof value === 'string' && idSchema.safeParse(value).success)
    return [{ id: value, signature: true }];
  return [];
}

function refsOf(field: Field, value: AnswerValue | null): Ref[] {
  if (field.type !== 'group') return leafRefs(field, value);
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) =>
    typeof entry === 'object' && entry !== null
      ? field.fields.flatMap((child) => leafRefs(child, (entry as Record<string, unknown>)[child.key]))
      : [],
  );
}

function keptLeaf(field: LeafField | undefined, value: LeafValue | null, known: ReadonlySet<string>): LeafValue | null {
  return field?.type === 'photos' && Array.isArray(value) ? value.filter((id) => known.has(id)) : value;
}

/**
 * A photo or signature answer names attachments by id; only this job's may be named. Otherwise a
 * form (and the PDF report the customer receives) could show another job's, or another customer's,
 * photo, or one that never existed. Checked here, on the server, where the attachments are.
 *
 * - A photo the job does not have is left out of the list, not refused with the whole answer: the
 *   usual cause is a photo whose own `addAttachment` was refused (too large, the job full), and
 *   refusing the answer would also drop the other photos it lists. That refusal is already in the
 *   person's list; the form shows the photos the job has.
 * - A signature the job does not have is refused: it is the answer's whole value.
 *
 * The job's deleted photos still count as its own (removing them is `mergedPhotos`' business).
 */
export async function onlyThisJobsAttachments(
  tx: AnyTx,
  orgId: string,
  jobId: string,
  field: Field,
  value: AnswerValue | null,
): Promise<AnswerValue | null> {
  const refs = refsOf(field, value);
  if (refs.length === 0) return value;
  const ids = [...new Set(refs.map((r) => r.id))];
  const rows = await tx
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(eq(attachments.orgId, orgId), eq(attachments.jobId, jobId), inArray(attachments.id, ids)));
  const known = new Set(rows.map((r) => r.id));
  const unknown = refs.filter((r) => !known.has(r.id));
  if (unknown.length === 0) return value;
  if (unknown.some((r) => r.signature)) {
    throw new AppError(ERROR_CODES.validation, `${field.label}: this signature was not taken on this job.`, [
      { path: 'value', message: 'names a signature this job does not have' },
    ]);
  }
  if (field.type !== 'group') return keptLeaf(field, value as LeafValue | null, known);
  if (!Array.isArray(value)) return value;
  return value.map((entry) =>
    Object.fromEntries(
      Object.entries(entry).map(([key, child]) => [
        key,
        keptLeaf(
          field.fields.find((c) => c.key === key),
          child,
          known,
        ),
      ]),
    ),
  );
}
