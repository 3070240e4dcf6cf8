import type { Message } from './message.ts';

/**
 * English strings of the header's sync status (`sync.*`), spread into en.ts: every signed-in
 * screen shows it. "Changes on this phone" is in en-changes.ts.
 */
export const enSync = {
  'sync.state.online': 'Online',
  'sync.state.offline': 'Offline',
  'sync.state.signin': 'Sign in to sync',
  'sync.state.update': 'Update needed',
  'sync.pending': { one: '{count} change only on this phone', other: '{count} changes only on this phone' },
  'sync.allSynced': 'All changes synced',
  'sync.photos': { one: '{count} photo to upload', other: '{count} photos to upload' },
  'sync.photosUploading': {
    one: '{count} photo uploading ({percent}%)',
    other: '{count} photos uploading ({percent}%)',
  },
  'sync.photosFailed': { one: '{count} photo not accepted — see why', other: '{count} photos not accepted — see why' },
  // Never "all synced" while refusals wait: a refused change did not land.
  'sync.refused': { one: '{count} change refused — see why', other: '{count} changes refused — see why' },
  'sync.trouble.push': 'Changes could not be sent since {when} — the server said: {message}',
  'sync.trouble.pull': 'Could not get updates from the server since {when} — the server said: {message}',
  'sync.trouble.see': 'See what is waiting',
  'sync.syncing': 'Syncing…',
  'sync.lastSynced': 'Synced {time}',
  'sync.lastSyncedHint': 'When this phone last exchanged changes with the server',
  'sync.notPersistedDismiss': 'Got it',
  'sync.notPersistedLabel': 'Offline data on this browser',
  'sync.neverSynced': 'Not synced yet',
  'sync.now': 'Sync now',
  'sync.notPersisted':
    'This browser may delete offline data after a few days without use. Install Lastmile on the home screen to keep it.',
  'sync.signOutPending': {
    one: '{count} change has not reached the server yet. It stays on this phone and syncs when you sign in again. Sign out?',
    other:
      '{count} changes have not reached the server yet. They stay on this phone and sync when you sign in again. Sign out?',
  },
  'sync.updateWaits': {
    one: 'The update waits until {count} change has synced.',
    other: 'The update waits until {count} changes have synced.',
  },
} as const satisfies Record<string, Message>;
