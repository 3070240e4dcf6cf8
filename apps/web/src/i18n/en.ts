/** A message, or plural forms chosen with Intl.PluralRules from the `count` parameter. */
export type Message = string | { readonly one: string; readonly other: string };

/**
 * The English catalog: every string the UI shows. Keys are grouped by screen; `{name}` marks a
 * parameter. Other languages copy this shape (`satisfies Record<MessageKey, Message>`).
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
  'header.signOut': 'Sign out',
  'header.signingOut': 'Signing out…',
  'header.syncStatus': 'Sync status',

  'session.expired': 'Your session ended. Sign in again to keep syncing.',

  'update.ready': 'An update to Lastmile is ready.',
  'update.apply': 'Update now',
  'update.later': 'Later',
  'update.applying': 'Updating…',
  'update.offlineReady': 'Lastmile is ready to work offline.',
  'update.dismiss': 'Dismiss',

  'home.technician.title': 'My jobs today',
  'home.lead.title': "My team's jobs today",
  'home.office.title': 'All jobs',
  'home.jobCount': { one: '{count} job', other: '{count} jobs' },
  'home.loading': 'Loading jobs from this device…',
  'home.empty.noJobsOnDevice': 'No jobs on this device yet — they arrive when the phone syncs.',
  'home.empty.technicianToday':
    'Nothing scheduled for you today. New assignments appear here as soon as the phone syncs.',
  'home.empty.leadToday': 'No jobs for your team today. Jobs the office schedules appear here after the next sync.',
  'home.empty.noTeam': 'You are not in a team yet. Ask the office to add you to one.',
  'home.empty.noMatches': 'No jobs match these filters.',
  'home.lead.unassigned': 'Unassigned',
  'home.lead.unknownTechnician': 'Technician not on this device yet',
  'home.office.search': 'Search jobs',
  'home.office.searchHint': 'Number, title, customer or address',
  'home.office.status': 'Status',
  'home.office.allStatuses': 'All statuses',
  'home.office.showing': 'Showing {shown} of {total} jobs. Narrow the search to see the rest.',

  'job.number': 'Job {number}',
  'job.window': '{start}–{end}',
  'job.unknownCustomer': 'Customer not on this device yet',
  'job.unknownSite': 'Address not on this device yet',
  'job.unknownType': 'Job type not on this device yet',
  'job.assignee': 'Assigned to {name}',
  'job.unassigned': 'Not assigned',

  'sync.state.online': 'Online',
  'sync.state.offline': 'Offline',
  'sync.state.signin': 'Sign in to sync',
  'sync.state.update': 'Update needed',
  'sync.pending': { one: '{count} change only on this phone', other: '{count} changes only on this phone' },
  'sync.allSynced': 'All changes synced',
  'sync.refused': { one: '{count} refused', other: '{count} refused' },
  'sync.syncing': 'Syncing…',
  'sync.lastSynced': 'Last synced {time}',
  'sync.neverSynced': 'Not synced yet',
  'sync.now': 'Sync now',
  'sync.notPersisted':
    'This browser may delete offline data after a few days without use. Install Lastmile on the home screen to keep it.',
  'sync.updateWaits': {
    one: 'The update waits until {count} change has synced.',
    other: 'The update waits until {count} changes have synced.',
  },

  'changes.title': 'Changes on this phone',
  'changes.refusedTitle': {
    one: '{count} change refused by the server',
    other: '{count} changes refused by the server',
  },
  'changes.pendingTitle': { one: '{count} change waiting to sync', other: '{count} changes waiting to sync' },
  'changes.noneRefused': 'The server has accepted everything so far.',
  'changes.nonePending': 'Nothing waiting: everything on this phone has reached the server.',
  'changes.onJob': '{what} — job {number}',
  'changes.meta': '{when} · {who}',
  'changes.why': 'Why: {reason}',
  'changes.dismiss': 'Got it',

  'mutation.transitionJob': 'Change job status',
  'mutation.assignJob': 'Assign job',
  'mutation.updateJobNotes': 'Edit job notes',
  'mutation.createJob': 'Create job',
  'mutation.addOutstandingItem': 'Raise outstanding item',
  'mutation.updateOutstandingItem': 'Update outstanding item',
  'mutation.postJobMessage': 'Post message',

  'error.network': 'No connection to the server.',
  'error.unexpected': 'Something went wrong on the server ({status}). Try again in a moment.',
  'error.badResponse': 'The server sent an answer the app does not understand.',
} as const satisfies Record<string, Message>;

export type MessageKey = keyof typeof en;
