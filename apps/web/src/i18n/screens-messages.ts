import { enAccount } from './en-account.ts';
import { enAudit } from './en-audit.ts';
import { enBoard } from './en-board.ts';
import { enChanges } from './en-changes.ts';
import { enControls } from './en-controls.ts';
import { enCrew } from './en-crew.ts';
import { enForms } from './en-forms.ts';
import { enHomes } from './en-homes.ts';
import { enInbox } from './en-inbox.ts';
import { enItems } from './en-items.ts';
import { enJob } from './en-job.ts';
import { enJobServer } from './en-job-server.ts';
import { enOfficeNav } from './en-office-nav.ts';
import { enPhotos } from './en-photos.ts';
import { enReports } from './en-reports.ts';
import { enReview } from './en-review.ts';
import { enSetPassword } from './en-set-password.ts';
import { addEnglish } from './translate.ts';

// Imported by the layout route above every screen but the technician home (app/routes/
// screens-layout.tsx): the English of the job, forms, photos, board, items, review, inbox,
// changes, crew and account screens travels in its chunk, not on the start path (ADR 0039).
for (const messages of [
  enHomes,
  enJob,
  enJobServer,
  enBoard,
  enItems,
  enControls,
  enChanges,
  enForms,
  enPhotos,
  enReview,
  enReports,
  enAudit,
  enInbox,
  enAccount,
  enSetPassword,
  enCrew,
  enOfficeNav,
]) {
  addEnglish(messages);
}
