import { enCrewPicker } from './en-crew-picker.ts';
import type { enAccount } from './en-account.ts';
import type { enAdmin } from './en-admin.ts';
import type { enAudit } from './en-audit.ts';
import type { enBoard } from './en-board.ts';
import type { enBuilder } from './en-builder.ts';
import type { enChanges } from './en-changes.ts';
import type { enControls } from './en-controls.ts';
import type { enCrew } from './en-crew.ts';
import type { enDevices } from './en-devices.ts';
import type { enDrift } from './en-drift.ts';
import type { enForms } from './en-forms.ts';
import type { enHomes } from './en-homes.ts';
import type { enInbox } from './en-inbox.ts';
import type { enItems } from './en-items.ts';
import type { enJob } from './en-job.ts';
import type { enJobServer } from './en-job-server.ts';
import type { enOffice } from './en-office.ts';
import type { enOfficeNav } from './en-office-nav.ts';
import type { enPhotos } from './en-photos.ts';
import type { enReports } from './en-reports.ts';
import type { enReview } from './en-review.ts';
import type { enSetPassword } from './en-set-password.ts';
import { enRevoked } from './en-revoked.ts';
import { enServer } from './en-server.ts';
import { enSession } from './en-session.ts';
import { enSync } from './en-sync.ts';
import type { Message } from './message.ts';

/**
 * The English the start path needs: the sign-in page, the signed-in shell and the technician's
 * home (with the job card's and the header links' few keys). Keys are grouped by screen; `{name}`
 * marks a parameter. The other screens' English is in lazy chunks (screens-messages.ts,
 * office-messages.ts…), added when their route loads (ADR 0039); `MessageKey` names every key.
 */
export const en = {
  'app.name': 'Lastmile',
  'app.loading': 'Opening Lastmile…',
  'app.skipToContent': 'Skip to content',

  'role.technician': 'Technician',
  'role.lead': 'Team lead',
  'role.office': 'Office',
  'role.admin': 'Administrator',

  'status.scheduled': 'Scheduled',
  'status.in_progress': 'In progress',
  'status.paused': 'Paused',
  'status.completed': 'Completed',
  'status.submitted': 'Submitted',
  'status.approved': 'Approved',
  'status.sent_back': 'Sent back',
  'status.cancelled': 'Cancelled',

  'priority.low': 'Low priority',
  'priority.normal': 'Normal priority',
  'priority.high': 'High priority',
  'priority.urgent': 'Urgent',

  'signIn.title': 'Sign in to Lastmile',
  'signIn.intro': 'Sign in once while you have signal; after that the app opens without it.',
  'signIn.email': 'Email',
  'signIn.password': 'Password',
  'signIn.showPassword': 'Show password',
  'signIn.submit': 'Sign in',
  'signIn.submitting': 'Signing in…',
  'signIn.error.emailInvalid': 'Enter your email address, like name@company.com.',
  'signIn.error.passwordMissing': 'Enter your password.',
  'signIn.error.device':
    'Signed in, but this browser would not save it for offline use. Leave private browsing and try again.',
  'signIn.error.offline': 'No connection. Signing in on a new device needs signal once; try again when you have it.',

  'header.signedInAs': 'Signed in as {name}, {role}',
  'header.home': 'Lastmile — home',
  'header.signOut': 'Sign out',
  'header.signingOut': 'Signing out…',
  'header.syncStatus': 'Sync status',
  'header.account': 'Your account: change your password',

  'theme.label': 'Appearance',
  'theme.system': 'As the device',
  'theme.light': 'Light',
  'theme.dark': 'Dark',
  'footer.label': 'This device',
  'footer.changePassword': 'Change your password',

  'language.label': 'Language',

  'session.expired': 'Your session ended. Sign in again to keep syncing.',

  'update.ready': 'An update to Lastmile is ready.',
  'update.apply': 'Update now',
  'update.later': 'Later',
  'update.applying': 'Updating…',
  'update.offlineReady': 'Lastmile is ready to work offline.',
  'update.dismiss': 'Dismiss',

  'route.title': '{screen} · Lastmile',
  'route.job': 'Job',
  'route.editJob': 'Edit job',
  'route.loading': 'Opening…',
  'route.notFound.title': 'Page not found',
  'route.notFound.body': 'Lastmile has no screen at {path}.',
  'route.home': 'Go to the start screen',
  'route.forbidden.title': 'Not available to you',
  'route.forbidden.office': 'This screen is for office staff. You are signed in as {role}.',
  'route.forbidden.admin': 'Only administrators can change the organization’s settings. You are signed in as {role}.',
  'route.loadFailed.title': 'This screen could not be opened',
  'route.loadFailed.body':
    'Its code is not on this device yet. Connect to the internet and try again; your changes are kept.',
  'route.loadFailed.retry': 'Try again',

  'home.technician.title': 'My jobs today',
  'home.technician.titleTomorrow': 'My jobs tomorrow',
  'home.technician.titlePastWeek': 'My jobs in the past week',
  'home.jobCount': { one: '{count} job', other: '{count} jobs' },
  'home.loading': 'Loading jobs from this device…',
  'home.empty.noJobsOnDevice': 'No jobs on this device yet — they arrive when the phone syncs.',
  'home.empty.technicianToday':
    'Nothing scheduled for you today. New assignments appear here as soon as the phone syncs.',

  'job.number': 'Job {number}',
  'job.window': '{start}–{end}',
  'job.unknownCustomer': 'Customer not on this device yet',
  'job.unknownSite': 'Address not on this device yet',
  'job.unknownType': 'Job type not on this device yet',
  'job.assignee': 'Assigned to {name}',
  'job.unassigned': 'Not assigned',
  'job.overdue': 'Overdue',
  'job.cardAccess': 'Access: {notes}',
  'job.unknownPerson': 'Someone outside your team',

  'today.tabs': 'Which day',
  'today.tab.today': 'Today',
  'today.tab.tomorrow': 'Tomorrow',
  'today.tab.pastWeek': 'Past week',
  'today.empty.tomorrow': 'Nothing scheduled for you tomorrow yet.',
  'today.empty.pastWeek': 'No jobs in the past week.',
  'today.attention': {
    one: '{count} job needs attention: overdue or sent back.',
    other: '{count} jobs need attention: overdue or sent back.',
  },

  'items.title': 'Outstanding items',
  'items.overdueCount': { one: '{count} overdue', other: '{count} overdue' },

  'error.network': 'No connection to the server.',
  'error.unexpected': 'Something went wrong on the server ({status}). Try again in a moment.',
  'error.badResponse': 'The server sent an answer the app does not understand.',

  // A send back's notes on the home's job card (jobs/review-notes.tsx); the review screens' are in en-review.ts.
  'review.entry': 'Entry {n}',
  'review.todo.title': 'Sent back: fix and resubmit',
  'review.todo.by': 'Sent back by {name}, {when}',
  'review.todo.fields': { one: '{count} field to fix', other: '{count} fields to fix' },
  'review.note': 'Reviewer: {comment}',
  'review.noteEntry': 'Reviewer, entry {n}: {comment}',

  // The header's inbox link and the job card's unread count; the inbox screen's are in en-inbox.ts.
  'inbox.link': 'Inbox',
  'inbox.linkUnread': '{count, plural, one {Inbox, # unread} other {Inbox, # unread}}',
  'inbox.jobUnread': '{count, plural, one {# new} other {# new}}',

  ...enSync,
  ...enSession,
  ...enServer,
  ...enRevoked,
  ...enCrewPicker,
} as const satisfies Record<string, Message>;

// Every other screen's English comes with its route (screens-messages.ts, office-messages.ts,
// admin-messages.ts…), not with the start path; its keys are typed here.
export type MessageKey =
  | keyof typeof en
  | keyof typeof enHomes
  | keyof typeof enJob
  | keyof typeof enJobServer
  | keyof typeof enBoard
  | keyof typeof enItems
  | keyof typeof enControls
  | keyof typeof enChanges
  | keyof typeof enForms
  | keyof typeof enPhotos
  | keyof typeof enReview
  | keyof typeof enReports
  | keyof typeof enAudit
  | keyof typeof enInbox
  | keyof typeof enAccount
  | keyof typeof enSetPassword
  | keyof typeof enCrew
  | keyof typeof enOfficeNav
  | keyof typeof enOffice
  | keyof typeof enBuilder
  | keyof typeof enDrift
  | keyof typeof enDevices
  | keyof typeof enAdmin;
