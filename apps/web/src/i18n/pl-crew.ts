import type { Message } from './message.ts';
import type { enCrew } from './en-crew.ts';
import type { enCrewPicker } from './en-crew-picker.ts';

/** Polish for en-crew.ts: crew mode. */
export const plCrew = {
  'crew.picker.title': 'Kto używa tego telefonu?',
  'crew.picker.intro': 'Dotknij swojego imienia i wpisz PIN.',
  'crew.picker.locked': '{name} — zablokowano: zaloguj się ponownie hasłem',
  'crew.picker.back': 'Ktoś inny',
  'crew.pin.label': 'PIN dla: {name}',
  'crew.pin.submit': 'Dalej',
  'crew.pin.checking': 'Sprawdzanie…',
  'crew.pin.wrong':
    '{left, plural, one {Zły PIN. Została # próba.} few {Zły PIN. Zostały # próby.} many {Zły PIN. Zostało # prób.} other {Zły PIN. Zostało # próby.}}',
  'crew.pin.locked': 'Za dużo błędnych PIN-ów. {name} musi ponownie zalogować się hasłem na tym telefonie.',
  'crew.pin.none': '{name} nie ma jeszcze PIN-u na tym telefonie.',
  'crew.pin.invalid': 'PIN to od 4 do 8 cyfr.',
  'crew.pin.new': 'PIN (od 4 do 8 cyfr)',
  'crew.pin.repeat': 'Powtórz PIN',
  'crew.pin.mismatch': 'Oba PIN-y nie są takie same.',
  'crew.acting': 'Telefonu używa: {name}',
  'crew.switch': 'Zmień osobę',
  'crew.link': 'Ekipa na tym telefonie',
  'crew.title': 'Ekipa na tym telefonie',
  'crew.intro':
    'Na tym telefonie mogą pracować dwie lub trzy osoby. Każda loguje się tu raz własnym hasłem i wybiera PIN; potem zmieniacie się, dotykając swojego imienia, nawet bez zasięgu.',
  'crew.people': 'Zalogowani na tym telefonie',
  'crew.you': '(właściciel tego telefonu)',
  'crew.ownPin.title': 'Twój PIN na tym telefonie',
  'crew.ownPin.intro': 'Ustaw go, zanim dodasz kogoś: pozwala też wrócić tu bez zasięgu.',
  'crew.ownPin.set': 'PIN ustawiony.',
  'crew.ownPin.save': 'Zapisz PIN',
  'crew.add.title': 'Dodaj osobę',
  'crew.add.needsPin': 'Najpierw ustaw własny PIN.',
  'crew.add.email': 'Jej e-mail',
  'crew.add.password': 'Jej hasło',
  'crew.add.pin': 'Jej PIN na tym telefonie',
  'crew.add.submit': 'Dodaj do ekipy',
  'crew.add.adding': 'Dodawanie…',
  'crew.add.added': '{name} może teraz przełączać się na tym telefonie swoim PIN-em.',
  'crew.add.offline': 'Brak połączenia. Dodanie osoby wymaga raz zasięgu.',
  'crew.add.failed': 'Nie udało się: {reason}',
  'crew.leave': 'Wyloguj {name} z tego telefonu',
  'crew.leave.pending':
    '{count, plural, one {{name} ma # niewysłaną zmianę (brak połączenia). Zostaje na telefonie, dopóki nie zostanie wysłana.} few {{name} ma # niewysłane zmiany (brak połączenia). Zostaje na telefonie, dopóki nie zostaną wysłane.} many {{name} ma # niewysłanych zmian (brak połączenia). Zostaje na telefonie, dopóki nie zostaną wysłane.} other {{name} ma # niewysłanej zmiany (brak połączenia). Zostaje na telefonie, dopóki nie zostaną wysłane.}}',
  'crew.leave.pendingPhotos':
    '{count, plural, one {{name} ma # niewysłane zdjęcie (brak połączenia). Zostaje na telefonie, dopóki nie zostanie wysłane.} few {{name} ma # niewysłane zdjęcia (brak połączenia). Zostaje na telefonie, dopóki nie zostaną wysłane.} many {{name} ma # niewysłanych zdjęć (brak połączenia). Zostaje na telefonie, dopóki nie zostaną wysłane.} other {{name} ma # niewysłanego zdjęcia (brak połączenia). Zostaje na telefonie, dopóki nie zostaną wysłane.}}',
  'crew.leave.sending': 'Wysyłanie zmian i zdjęć osoby {name} przed wylogowaniem…',
  'crew.leave.done': '{name} wylogowano z tego telefonu.',
  'crew.leave.failed': 'Nie udało się: {reason}',
  'crew.guestNoPassword': 'Hasło zmienia właściciel telefonu albo Ty na własnym urządzeniu.',
  'crew.pinSignIn.title': 'Wróć swoim PIN-em',
  'crew.pinSignIn.person': 'Zaloguj jako {name}',
} as const satisfies Record<keyof typeof enCrew | keyof typeof enCrewPicker, Message>;
