import type { ServerMutators } from '@lastmile/sync/server';
import { assignJob } from './assign-job.ts';
import { addAttachment, deleteAttachment, setAttachmentCaption } from './attachments.ts';
import { createJob } from './create-job.ts';
import { moveFormToVersion, reopenForm, resolveAnswerConflict, setAnswer, startForm, submitForm } from './forms.ts';
import { addOutstandingItem, updateOutstandingItem } from './outstanding-items.ts';
import { markNotificationsRead } from './notifications.ts';
import { postJobMessage } from './post-job-message.ts';
import { prefetchPushRows } from './prefetch.ts';
import { pushUnitOfWork } from './unit-of-work.ts';
import { reviewJob } from './review-job.ts';
import { transitionJob } from './transition-job.ts';
import { updateJob } from './update-job.ts';
import { updateJobNotes } from './update-job-notes.ts';

export { prefetchPushRows, pushUnitOfWork };

/** The authoritative implementation of every mutation in the shared contract. */
export const serverMutators: ServerMutators = {
  transitionJob,
  assignJob,
  updateJobNotes,
  createJob,
  updateJob,
  addOutstandingItem,
  updateOutstandingItem,
  postJobMessage,
  reviewJob,
  markNotificationsRead,
  startForm,
  setAnswer,
  submitForm,
  moveFormToVersion,
  reopenForm,
  resolveAnswerConflict,
  addAttachment,
  setAttachmentCaption,
  deleteAttachment,
};
