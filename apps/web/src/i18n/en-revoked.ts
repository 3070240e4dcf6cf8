import type { Message } from './message.ts';

/** What a revoked device shows while it erases itself (app/session/device-revoked-screen.tsx; ADR 0028). */
export const enRevoked = {
  'revoked.title': 'This device was removed from Lastmile',
  'revoked.byOrg':
    'An administrator of {org} revoked this device, so Lastmile is erasing everything it kept here: jobs, forms, photos and changes not yet sent.',
  'revoked.byAdmin':
    'An administrator revoked this device, so Lastmile is erasing everything it kept here: jobs, forms, photos and changes not yet sent.',
  'revoked.reason': 'Reason given: {reason}',
  'revoked.erasing': 'Erasing Lastmile’s data on this device…',
  'revoked.erased': 'Erased. None of your organization’s data is left in Lastmile on this device.',
  'revoked.failed': 'Erasing did not finish. Close Lastmile and open it again to finish it.',
  'revoked.next':
    'If this is your device and you have it back, ask your administrator, then sign in again: it will be set up as a new device.',
  'revoked.signInAgain': 'Go to sign-in',
} as const satisfies Record<string, Message>;
