/**
 * English text of the offline sign-in and sign-out prompts. Kept beside the session code while
 * the web app's files are being moved; these belong in i18n/en.ts with the other strings.
 */
export const sessionMessages = {
  offlineSignInRefused:
    'No connection, and this email and password do not match anyone who signed in on this phone before. Check them, or try again when you have signal.',
  signOutOfflineResumable:
    'You are offline. Your changes stay on this phone and sync when you are back. To get back in before there is signal, sign in on this phone with the same email and password. Sign out?',
  signOutOfflineNeedsSignal:
    'You are offline. This phone cannot check your password yet, so signing back in will need signal. Your changes stay on this phone. Sign out?',
} as const;
