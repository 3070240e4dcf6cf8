import type { Message } from './message.ts';

/** Changing one's own password (every role). Lazy: screens-messages.ts adds it with its route. */
export const enAccount = {
  'account.password.title': 'Change your password',
  'account.password.intro':
    'Your other phones and computers are signed out; this one stays signed in. At least 12 characters.',
  'account.password.current': 'Current password',
  'account.password.currentMissing': 'Enter your current password.',
  'account.password.wrongCurrent': 'That is not your current password.',
  'account.password.same': 'Choose a password different from the current one.',
  'account.password.invalid': 'Use between 12 and 200 characters.',
  'account.password.submit': 'Change password',
  'account.password.changed': 'Password changed. Your other devices are signed out.',
  'account.password.offline': 'No connection. Changing your password needs signal; try again when you have it.',
  'account.password.failed': 'That did not work. Try again in a moment.',
} as const satisfies Record<string, Message>;
