/**
 * The job screen's read-only view of a job that is not on this device, from the server (ADR 0041),
 * and what it says offline or when the server has no such job. Lazy: screens-messages.ts.
 */
export const enJobServer = {
  'job.server.fetching': 'This job is not on this device. Opening it from the server…',
  'job.server.closedNotice': 'Closed job, kept on the server — read only.',
  'job.server.notice': 'This job is not on this device: shown from the server, read only.',
  'job.server.offline':
    'This job is not on this device. It can be opened from the server when this device is connected.',
  'job.server.retry': 'Try again',
  'job.server.notFound':
    'This job is not on this device, and the server has no such job for you to see: it may have been reassigned to someone else.',
  'job.server.failed': 'The server could not open this job just now. Try again in a moment.',
  'job.server.technician': 'Technician',
  'job.server.team': 'Team',
  'job.server.notes': 'Notes',
  'job.server.noNotes': 'None',
  'job.server.forms': 'Forms',
  'job.server.noForms': 'No form was filled in on this job.',
  'job.server.formName': '{name} (version {version})',
  'job.server.submitted': 'Submitted by {name}, {when}',
  'job.server.draft': 'Not submitted',
  'job.server.unanswered': 'Not answered',
  'job.server.outOfRange': 'outside the expected range',
  'job.server.entry': 'Entry {number}',
  'job.server.signed': 'Signed',
  'job.server.photos': 'Photos',
  'job.server.noPhotos': 'No photos.',
  'job.server.photo': 'Photo {number}',
  'job.server.items': 'Items raised on this job',
  'job.server.reviews': 'Review',
  'job.server.noReviews': 'No review decisions.',
  'job.server.approved': 'Approved by {name}, {when}',
  'job.server.someone': 'someone',
} as const;
