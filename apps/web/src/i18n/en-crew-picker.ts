import type { Message } from './message.ts';

/** Crew mode on the start path: the picker, the PIN, the header switch and the PIN sign-in (ADR 0033). */
export const enCrewPicker = {
  'crew.picker.title': 'Who is using this phone?',
  'crew.picker.intro': 'Tap your name and enter your PIN.',
  'crew.picker.locked': '{name} — locked: sign in again with a password',
  'crew.picker.back': 'Someone else',
  'crew.pin.label': 'PIN for {name}',
  'crew.pin.submit': 'Continue',
  'crew.pin.checking': 'Checking…',
  'crew.pin.wrong': '{left, plural, one {Wrong PIN. # try left.} other {Wrong PIN. # tries left.}}',
  'crew.pin.locked': 'Too many wrong PINs. {name} must sign in again with their password on this phone.',
  'crew.pin.none': '{name} has no PIN on this phone yet.',
  'crew.pin.invalid': 'A PIN is 4 to 8 digits.',
  'crew.pin.new': 'PIN (4 to 8 digits)',
  'crew.pin.repeat': 'PIN again',
  'crew.pin.mismatch': 'The two PINs are not the same.',
  'crew.acting': 'Using this phone: {name}',
  'crew.switch': 'Switch person',
  'crew.link': 'Crew on this phone',
  'crew.pinSignIn.title': 'Back in with your PIN',
  'crew.pinSignIn.person': 'Sign in as {name}',
} as const satisfies Record<string, Message>;
