import { z } from 'zod';
import { idSchema } from '../ids.ts';
import { storableDateTime } from '../storable-date.ts';
import { answerValueJsonSchema } from './answers.ts';
import { fieldKeySchema } from './definition.ts';

const isoDateTime = storableDateTime();

/** The forms mutations' args (wired into the shared contract in ../mutators/contract.ts). */
export const formMutatorArgs = {
  /** Starts the job's form on a template version (one response per job and template). `id` is client-generated. */
  startForm: z.object({ id: idSchema, jobId: idSchema, templateVersionId: idSchema }),
  /** Sets (or clears, with null) one field's answer. `capturedAt` is the device clock, for display. */
  setAnswer: z.object({
    responseId: idSchema,
    fieldKey: fieldKeySchema,
    value: answerValueJsonSchema,
    capturedAt: isoDateTime,
  }),
  /** Submits: the server checks validateSubmission and refuses with the list of what is missing. */
  submitForm: z.object({ responseId: idSchema }),
  /** Moves an unsubmitted draft to another published version of its template (answers carried by key). */
  moveFormToVersion: z.object({ responseId: idSchema, templateVersionId: idSchema }),
  /** Makes a submitted form editable again (lead/office; sending the job back does it too). */
  reopenForm: z.object({ responseId: idSchema }),
  /** The lead/office has looked at a conflicting answer: clears its flag (the history stays). */
  resolveAnswerConflict: z.object({ responseId: idSchema, fieldKey: fieldKeySchema }),
} as const;
