import type { Message } from './message.ts';

/**
 * The admin's device registry (features/devices). Not in the main bundle: the devices route
 * module adds it to English when its chunk runs. The screen's title and nav link are in en-office-nav.ts.
 */
export const enDevices = {
  'devices.intro':
    'Every phone and browser that syncs, as it reported at its last contact. Revoke one that is lost or stolen: it is signed out at once, refused, and erases its Lastmile data when it next connects.',
  'devices.adminOnly': 'Only administrators manage devices. Ask an administrator of your organization.',
  'devices.filter.person': 'Person',
  'devices.filter.everyone': 'Everyone',
  'devices.sort': 'Order',
  'devices.sort.last_contact_desc': 'Latest contact first',
  'devices.sort.last_contact_asc': 'Longest without contact first',
  'devices.loading': 'Loading devices…',
  'devices.offline': 'The device list needs a connection to the server.',
  'devices.error': 'The devices could not be loaded: {message}',
  'devices.empty': 'No device has synced yet.',
  'devices.count': '{count, plural, one {# device} other {# devices}}',
  'devices.unknownPerson': 'Unknown person',
  'devices.browserOn': '{browser} on {os}',
  'devices.unknownBrowser': 'Unknown browser',
  'devices.lastContact': 'Last contact {when}',
  'devices.stale': '{days, plural, one {Not synced for # day} other {Not synced for # days}}',
  'devices.pending': '{count, plural, one {# change not yet synced} other {# changes not yet synced}}',
  'devices.pendingSince': 'the oldest from {when}',
  'devices.allSynced': 'Everything synced',
  'devices.notReported': 'Pending changes and storage not reported (an older app)',
  'devices.storage': 'Storage used: {used} of {quota}',
  'devices.storageUsed': 'Storage used: {used}',
  'devices.megabytes': '{value, number} MB',
  'devices.appVersion': 'App {version}',
  'devices.revokedBy': 'Revoked {when} by {name}',
  'devices.revokedReason': 'Reason: {reason}',
  'devices.revoke': 'Revoke…',
  'devices.revokeLabel': 'Revoke the device of {name}: {device}',
  'devices.revoke.title': 'Revoke this device?',
  'devices.revoke.what':
    'The device of {name} ({device}) is signed out at once. At its next connection it shows your reason and erases everything Lastmile keeps on it. Signing in there again sets it up as a new device.',
  'devices.revoke.pendingWarning':
    '{count, plural, one {At its last contact it had # change not yet synced; it will be lost.} other {At its last contact it had # changes not yet synced; they will be lost.}}',
  'devices.revoke.reason': 'Reason (shown on the device and kept in the audit trail)',
  'devices.revoke.reasonRequired': 'Give a reason.',
  'devices.revoke.confirm': 'Revoke device',
  'devices.revoke.cancel': 'Cancel',
  'devices.revoke.done': 'The device of {name} is revoked.',
  'devices.revoke.failed': 'The device could not be revoked: {message}',
} as const satisfies Record<string, Message>;
