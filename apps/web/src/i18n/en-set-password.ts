import type { Message } from './message.ts';

/**
 * Choosing a password from an invitation or reset link (`/set-password`), and the account
 * screen that reuses its wording. Lazy: set-password-messages.ts and screens-messages.ts.
 */
export const enSetPassword = {
  'session.setPasswordTitle': 'Choose your password',
  'session.setPasswordIntro': 'At least 12 characters. A few unrelated words are easy to remember and hard to guess.',
  'session.setPasswordNew': 'New password',
  'session.setPasswordRepeat': 'Repeat the password',
  'session.setPasswordTooShort': 'Use at least 12 characters.',
  'session.setPasswordMismatch': 'The two passwords differ.',
  'session.setPasswordNoToken': 'This link is incomplete. Open the whole link from your invitation or reset email.',
  'session.setPasswordSubmit': 'Save password',
  'session.setPasswordSaving': 'Saving…',
  'session.setPasswordOffline': 'No connection. Setting a password needs signal; try again when you have it.',
} as const satisfies Record<string, Message>;
