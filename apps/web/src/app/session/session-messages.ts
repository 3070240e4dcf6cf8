/**
 * English text of the offline sign-in and sign-out prompts. Kept beside the session code while
 * the web app's files are being moved; these belong in i18n/en.ts with the other strings.
 */
export const sessionMessages = {
  offlineSignInRefused:
    'No connection, and this email and password do not match anyone who signed in on this phone before. Check them, or try again when you have signal.',
  signOutOfflineResumable:
    'You are offline. Your data stays on this phone. To get back in before there is signal, sign in on this phone with the same email and password.',
  signOutOfflineNeedsSignal:
    'You are offline. This phone cannot check your password yet, so signing back in will need signal. Your data stays on this phone.',
  signOutPhotosWaiting: (count: number) =>
    count === 1
      ? '1 photo has not uploaded yet. It stays on this phone and uploads when you sign in again.'
      : `${count} photos have not uploaded yet. They stay on this phone and upload when you sign in again.`,
  signOutConfirm: 'Sign out?',
  setPasswordTitle: 'Choose your password',
  setPasswordIntro: 'At least 12 characters. A few unrelated words are easy to remember and hard to guess.',
  setPasswordNew: 'New password',
  setPasswordRepeat: 'Repeat the password',
  setPasswordTooShort: 'Use at least 12 characters.',
  setPasswordMismatch: 'The two passwords differ.',
  setPasswordNoToken: 'This link is incomplete. Open the whole link from your invitation or reset email.',
  setPasswordSubmit: 'Save password',
  setPasswordSaving: 'Saving…',
  setPasswordOffline: 'No connection. Setting a password needs signal; try again when you have it.',
  passwordSetNotice: 'Password saved. Sign in with your email and the new password.',
} as const;
