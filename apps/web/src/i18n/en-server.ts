import type { Message } from './message.ts';

/**
 * What the server and the domain say to a person, by the `detail.key` their errors and refusals
 * carry (`server.` + key); server-message.ts picks these and falls back to the server's English.
 * Statuses and roles arrive as codes and are named with `status.*` / `role.*`.
 */
export const enServer = {
  'server.auth.wrongPassword': 'Wrong email or password.',
  'server.input.unstorable':
    'This field contains an invisible NUL character or half of an emoji, which cannot be kept. Type it again without it.',
  'server.auth.deactivated': 'This account has been deactivated. Ask your office to reactivate it.',
  'server.auth.rateLimited':
    '{seconds, plural, one {Too many sign-in attempts. Wait # second and try again.} other {Too many sign-in attempts. Wait # seconds and try again.}}',
  'server.auth.tooManyFailures':
    '{minutes, plural, one {Too many failed sign-ins. Wait # minute and try again, or ask your office to reset your password.} other {Too many failed sign-ins. Wait # minutes and try again, or ask your office to reset your password.}}',
  'server.job.transition.already': 'The job is already “{status}”.',
  'server.job.transition.notFrom': 'A job that is “{from}” cannot become “{to}”.',
  'server.job.transition.role': 'Only these roles can mark a job “{to}”: {roles}.',
  'server.job.transition.needsReason': 'Marking a job “{to}” needs a reason.',
  'server.photo.typeNotAllowed':
    'This file type ({type}) is not allowed; take a photo or pick a JPEG, WebP or PNG image.',
  'server.photo.tooLarge': 'This photo is {sizeMb, number} MB; the largest allowed is {maxMb, number} MB.',
  'server.device.revoked': 'An administrator removed this device from Lastmile: {reason}',
  'server.sync.actorNotOnDevice':
    'This change names a person who is not signed in on this phone any more. They need to join the crew here again, online.',
  'server.sync.changeTooLarge':
    'This change is too large to send ({sizeMb, number} MB; at most {maxMb, number} MB). Shorten the text or split it.',
  'server.sync.clientIdReused':
    'Another device sends changes under this phone’s sync identity (a copy or backup of this browser). This phone took a new identity, but its changes still could not be sent. Nothing is lost: they stay on this phone. Contact your office.',
  'server.crew.syncFirst': 'This phone has not synced yet. Wait for it to sync once, then add the person.',
  'server.crew.fieldRolesOnly': 'Crew mode is for technicians and leads.',
  'server.crew.alreadyHere': 'You are already signed in on this phone.',
  'server.crew.hostLeaves': 'The phone’s own person signs out with “Sign out”, which ends the crew.',
  'server.photo.jobFull': 'This job already has {count} photos, the most your organization allows.',
  'server.photo.verifiedAlready': 'This photo was uploaded and verified already; it cannot be replaced.',
  'server.form.moveDropsUnseenAnswer':
    'An answer to “{field}” arrived after you last looked at this form, and version {version} drops that field. Look at the form again before moving it.',
  'server.form.sentBackSince':
    'Job {job} was sent back after this device last synced; the form was not submitted. Read the comments on the form, then submit it again.',
  'server.form.reopenedSince':
    'This form on job {job} was reopened after this device last synced; it was not submitted. Sync, check what your lead asked for, then submit it again.',
  'server.form.draftChangedSave':
    '{name} saved this template after you opened it, so your draft was not saved. Reload the template to see their changes.',
  'server.form.draftChangedPublish':
    '{name} saved this template after you opened it, so nothing was published. Reload the template to see their changes.',
  'server.jobType.rulesChanged':
    '{name} changed the form rules of “{jobType}” after you opened them, so yours were not saved. The editor now shows theirs.',
  'server.job.approvedClosed':
    'Job {job} is approved: what was approved no longer changes. Only the title, notes and external reference can be corrected.',
  'server.people.self.role': 'You cannot change your own role; ask another administrator.',
  'server.people.self.deactivate': 'You cannot deactivate yourself; ask another administrator.',
  'server.people.self.lead': 'You cannot make yourself a team lead; ask another administrator.',
  'server.people.team.openJobs':
    '{count, plural, one {{name} still has # open job. Reassign it, or move {name} to another team instead of out of every team.} other {{name} still has # open jobs. Reassign them, or move {name} to another team instead of out of every team.}}',
  'server.logo.notImage': 'This file is not a PNG or JPEG image.',
  'server.logo.tooLarge': 'This logo is {sizeKb} KB; the largest allowed is {maxKb} KB.',
  'server.logo.tooManyPixels':
    'This image is {width} × {height} pixels, too large for a logo; use one of at most 4096 × 4096.',
  'server.webhooks.privateTarget': 'This server does not send webhooks to private, loopback or link-local addresses.',
  'server.webhooks.disabled': 'This webhook is switched off; switch it on before sending again.',
  'server.webhooks.pending': 'This delivery is still being sent.',
} as const satisfies Record<string, Message>;
