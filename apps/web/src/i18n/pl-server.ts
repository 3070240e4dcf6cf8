/** Polish for en-server.ts: server and domain messages by their key. */
export const plServer = {
  'server.auth.wrongPassword': 'Nieprawidłowy e-mail lub hasło.',
  'server.input.unstorable':
    'To pole zawiera niewidoczny znak NUL albo połowę emoji, których nie można zachować. Wpisz je ponownie bez nich.',
  'server.auth.deactivated': 'To konto zostało wyłączone. Poproś biuro o ponowne włączenie.',
  'server.auth.rateLimited':
    '{seconds, plural, one {Za dużo prób logowania. Odczekaj # sekundę i spróbuj ponownie.} few {Za dużo prób logowania. Odczekaj # sekundy i spróbuj ponownie.} many {Za dużo prób logowania. Odczekaj # sekund i spróbuj ponownie.} other {Za dużo prób logowania. Odczekaj # sekundy i spróbuj ponownie.}}',
  'server.auth.tooManyFailures':
    '{minutes, plural, one {Za dużo nieudanych logowań. Odczekaj # minutę i spróbuj ponownie albo poproś biuro o zresetowanie hasła.} few {Za dużo nieudanych logowań. Odczekaj # minuty i spróbuj ponownie albo poproś biuro o zresetowanie hasła.} many {Za dużo nieudanych logowań. Odczekaj # minut i spróbuj ponownie albo poproś biuro o zresetowanie hasła.} other {Za dużo nieudanych logowań. Odczekaj # minuty i spróbuj ponownie albo poproś biuro o zresetowanie hasła.}}',
  'server.job.transition.already': 'Zlecenie ma już status „{status}”.',
  'server.job.transition.notFrom': 'Zlecenia o statusie „{from}” nie można zmienić na „{to}”.',
  'server.job.transition.role': 'Status „{to}” mogą nadać tylko: {roles}.',
  'server.job.transition.needsReason': 'Zmiana statusu na „{to}” wymaga podania powodu.',
  'server.photo.typeNotAllowed':
    'Ten typ pliku ({type}) jest niedozwolony; zrób zdjęcie albo wybierz obraz JPEG, WebP lub PNG.',
  'server.photo.tooLarge': 'To zdjęcie ma {sizeMb, number} MB; największy dozwolony rozmiar to {maxMb, number} MB.',
  'server.device.revoked': 'Administrator usunął to urządzenie z Lastmile: {reason}',
  'server.sync.actorNotOnDevice':
    'Ta zmiana wskazuje osobę, która nie jest już zalogowana na tym telefonie. Musi ponownie dołączyć do ekipy tutaj, z dostępem do sieci.',
  'server.sync.changeTooLarge':
    'Ta zmiana jest za duża, by ją wysłać ({sizeMb, number} MB; najwyżej {maxMb, number} MB). Skróć tekst albo podziel go.',
  'server.sync.clientIdReused':
    'Inne urządzenie wysyła zmiany pod tożsamością synchronizacji tego telefonu (kopia lub kopia zapasowa tej przeglądarki). Telefon przyjął nową tożsamość, ale jego zmian nadal nie udało się wysłać. Nic nie przepadło: zostają na tym telefonie. Skontaktuj się z biurem.',
  'server.crew.syncFirst':
    'Ten telefon jeszcze się nie zsynchronizował. Poczekaj na pierwszą synchronizację, potem dodaj osobę.',
  'server.crew.fieldRolesOnly': 'Tryb ekipy jest dla techników i brygadzistów.',
  'server.crew.alreadyHere': 'Jesteś już zalogowany na tym telefonie.',
  'server.crew.hostLeaves': 'Właściciel telefonu wylogowuje się przyciskiem „Wyloguj”, co kończy ekipę.',
  'server.photo.jobFull':
    '{count, plural, one {To zlecenie ma już # zdjęcie — tyle, ile pozwala Twoja organizacja.} few {To zlecenie ma już # zdjęcia — tyle, ile pozwala Twoja organizacja.} many {To zlecenie ma już # zdjęć — tyle, ile pozwala Twoja organizacja.} other {To zlecenie ma już # zdjęcia — tyle, ile pozwala Twoja organizacja.}}',
  'server.photo.verifiedAlready': 'To zdjęcie zostało już wysłane i sprawdzone; nie można go zastąpić.',
  'server.form.moveDropsUnseenAnswer':
    'Odpowiedź na „{field}” dotarła po Twojej ostatniej synchronizacji, a wersja {version} usuwa to pole. Zsynchronizuj i obejrzyj formularz, zanim go przeniesiesz.',
  'server.form.sentBackSince':
    'Zlecenie {job} zostało odesłane do poprawy po ostatniej synchronizacji tego urządzenia; formularz nie został wysłany. Przeczytaj uwagi w formularzu i wyślij go ponownie.',
  'server.form.reopenedSince':
    'Ten formularz w zleceniu {job} został ponownie otwarty po ostatniej synchronizacji tego urządzenia; nie został wysłany. Zsynchronizuj, sprawdź, o co prosi kierownik, i wyślij go ponownie.',
  'server.form.draftChangedSave':
    '{name} zapisał(a) ten szablon po tym, jak go otworzyłeś(-aś), więc Twój szkic nie został zapisany. Wczytaj szablon ponownie, aby zobaczyć zmiany.',
  'server.form.draftChangedPublish':
    '{name} zapisał(a) ten szablon po tym, jak go otworzyłeś(-aś), więc nic nie zostało opublikowane. Wczytaj szablon ponownie, aby zobaczyć zmiany.',
  'server.jobType.rulesChanged':
    '{name} zmienił(a) reguły formularza dla „{jobType}” po tym, jak je otworzyłeś(-aś), więc Twoje nie zostały zapisane. Edytor pokazuje teraz reguły tej osoby.',
  'server.job.approvedClosed':
    'Zlecenie {job} jest zatwierdzone: to, co zatwierdzono, już się nie zmienia. Poprawić można tylko tytuł, notatki i numer zewnętrzny.',
  'server.people.self.role': 'Nie możesz zmienić własnej roli; poproś innego administratora.',
  'server.people.self.deactivate': 'Nie możesz dezaktywować samego siebie; poproś innego administratora.',
  'server.people.self.lead': 'Nie możesz sam mianować się kierownikiem zespołu; poproś innego administratora.',
  'server.people.team.openJobs':
    '{count, plural, one {{name} ma jeszcze # otwarte zlecenie. Przydziel je komuś innemu albo przenieś tę osobę do innego zespołu, zamiast usuwać ją ze wszystkich zespołów.} few {{name} ma jeszcze # otwarte zlecenia. Przydziel je komuś innemu albo przenieś tę osobę do innego zespołu, zamiast usuwać ją ze wszystkich zespołów.} many {{name} ma jeszcze # otwartych zleceń. Przydziel je komuś innemu albo przenieś tę osobę do innego zespołu, zamiast usuwać ją ze wszystkich zespołów.} other {{name} ma jeszcze # otwartego zlecenia. Przydziel je komuś innemu albo przenieś tę osobę do innego zespołu, zamiast usuwać ją ze wszystkich zespołów.}}',
  'server.logo.notImage': 'Ten plik nie jest obrazem PNG ani JPEG.',
  'server.logo.tooLarge': 'To logo ma {sizeKb} KB; największy dozwolony rozmiar to {maxKb} KB.',
  'server.logo.tooManyPixels':
    'Ten obraz ma {width} × {height} pikseli — za dużo jak na logo; użyj obrazu najwyżej 4096 × 4096.',
  'server.webhooks.privateTarget': 'Ten serwer nie wysyła webhooków na adresy prywatne, lokalne ani link-local.',
  'server.webhooks.disabled': 'Ten webhook jest wyłączony; włącz go, zanim wyślesz ponownie.',
  'server.webhooks.pending': 'To zdarzenie jest właśnie wysyłane.',
} as const;
