import { z } from 'zod';
import { attachmentKindSchema, attachmentTypeSchema } from '../attachments/attachment.ts';
import { answerValueJsonSchema } from '../forms/answers.ts';
import { formResponseStatusSchema } from '../forms/rows.ts';
import { idSchema } from '../ids.ts';
import { many } from '../office/job-filter-fields.ts';
import { cursorPageSchema, cursorQueryFields } from './cursor-page.ts';

const time = z.iso.datetime({ offset: true });

export const apiSubmissionsQuerySchema = z.object({
  status: many(formResponseStatusSchema).optional(),
  jobId: idSchema.optional(),
  ...cursorQueryFields,
});
export type ApiSubmissionsQuery = z.infer<typeof apiSubmissionsQuerySchema>;

export const apiAnswerSchema = z.object({
  fieldKey: z.string(),
  /** null: the answer was cleared. */
  value: answerValueJsonSchema.nullable(),
  answeredBy: idSchema,
  capturedAt: time,
  /** Two people answered differently while offline; the later one is shown (docs/ARCHITECTURE.md, Forms). */
  conflict: z.boolean(),
});

export const apiAttachmentLinkSchema = z.object({
  id: idSchema,
  kind: attachmentKindSchema,
  fieldKey: z.string().nullable(),
  contentType: attachmentTypeSchema,
  size: z.number().int(),
  sha256: z.string(),
  caption: z.string(),
  capturedAt: time,
  /** GET it with the same key; null while the bytes are still on the phone that took the photo. */
  url: z.string().nullable(),
});
export type ApiAttachmentLink = z.infer<typeof apiAttachmentLinkSchema>;

/** A form response with its answers and the links of its photos and signatures. */
export const apiSubmissionSchema = z.object({
  id: idSchema,
  jobId: idSchema,
  templateId: idSchema,
  templateVersionId: idSchema,
  templateName: z.string(),
  templateVersion: z.number().int(),
  status: formResponseStatusSchema,
  createdAt: time,
  submittedAt: time.nullable(),
  submittedBy: idSchema.nullable(),
  updatedAt: time,
  answers: z.array(apiAnswerSchema),
  attachments: z.array(apiAttachmentLinkSchema),
});
export type ApiSubmission = z.infer<typeof apiSubmissionSchema>;
export const apiSubmissionsPageSchema = cursorPageSchema(apiSubmissionSchema);
