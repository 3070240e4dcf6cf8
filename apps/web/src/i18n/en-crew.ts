import type { Message } from './message.ts';

/** Crew mode: the crew screen (ADR 0033); the picker, PIN and switch are in en-crew-picker.ts. Lazy: screens-messages.ts. */
export const enCrew = {
  'crew.title': 'Crew on this phone',
  'crew.intro':
    'Two or three people can work on this phone. Each signs in once here with their own password and chooses a PIN; after that you switch by tapping your name, even without signal.',
  'crew.people': 'Signed in on this phone',
  'crew.you': '(this phone’s own person)',
  'crew.ownPin.title': 'Your PIN on this phone',
  'crew.ownPin.intro': 'Set it before you add anyone: it also gets you back in here without signal.',
  'crew.ownPin.set': 'PIN set.',
  'crew.ownPin.save': 'Save PIN',
  'crew.add.title': 'Add a person',
  'crew.add.needsPin': 'Set your own PIN first.',
  'crew.add.email': 'Their email',
  'crew.add.password': 'Their password',
  'crew.add.pin': 'Their PIN for this phone',
  'crew.add.submit': 'Add to the crew',
  'crew.add.adding': 'Adding…',
  'crew.add.added': '{name} can now switch to this phone with their PIN.',
  'crew.add.offline': 'No connection. Adding a person needs signal once.',
  'crew.add.failed': 'That did not work: {reason}',
  'crew.leave': 'Sign {name} out of this phone',
  'crew.leave.pending':
    '{count, plural, one {{name} has # change not sent yet (no connection). They stay on this phone until it is sent.} other {{name} has # changes not sent yet (no connection). They stay on this phone until they are sent.}}',
  'crew.leave.pendingPhotos':
    '{count, plural, one {{name} has # photo not uploaded yet (no connection). They stay on this phone until it is uploaded.} other {{name} has # photos not uploaded yet (no connection). They stay on this phone until they are uploaded.}}',
  'crew.leave.sending': 'Sending {name}’s changes and photos before signing them out…',
  'crew.leave.done': '{name} is signed out of this phone.',
  'crew.leave.failed': 'That did not work: {reason}',
  'crew.guestNoPassword': 'Changing a password is done by the phone’s own person, or on your own device.',
} as const satisfies Record<string, Message>;
