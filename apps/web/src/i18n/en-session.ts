import type { Message } from './message.ts';

/**
 * English strings of offline sign-in and sign-out (`session.*`), spread into en.ts. Choosing a
 * password is in en-set-password.ts.
 */
export const enSession = {
  'session.offlineSignInRefused':
    'No connection, and this email and password do not match anyone who signed in on this phone before. Check them, or try again when you have signal.',
  'session.signOutOfflineResumable':
    'You are offline. Your data stays on this phone. To get back in before there is signal, sign in on this phone with the same email and password.',
  'session.signOutOfflinePin':
    'You are offline. Your data stays on this phone. To get back in before there is signal, tap your name on the sign-in page and enter your PIN, or sign in with the same email and password.',
  'session.signOutOfflineNeedsSignal':
    'You are offline. This phone cannot check your password yet, so signing back in will need signal. Your data stays on this phone.',
  'session.signOutPhotosWaiting': {
    one: '{count} photo has not uploaded yet. It stays on this phone and uploads when you sign in again.',
    other: '{count} photos have not uploaded yet. They stay on this phone and upload when you sign in again.',
  },
  'session.signOutConfirm': 'Sign out?',
  'session.passwordSetNotice': 'Password saved. Sign in with your email and the new password.',
} as const satisfies Record<string, Message>;
