import type { enDrift } from './en-drift.ts';
import type { Message } from './message.ts';

export const plDrift = {
  'drift.intro':
    'Oznaki, że praca wraca do czatów, papieru i prywatnych telefonów. Każda liczba prowadzi do zleceń, które za nią stoją.',
  'drift.jobs':
    '{count, plural, one {# zlecenie w okresie} few {# zlecenia w okresie} many {# zleceń w okresie} other {# zlecenia w okresie}}',
  'drift.filters': 'Czego dotyczą liczby',
  'drift.period': 'Okres',
  'drift.lastDays':
    '{count, plural, one {Ostatni # dzień} few {Ostatnie # dni} many {Ostatnie # dni} other {Ostatnie # dnia}}',
  'drift.team': 'Zespół',
  'drift.jobType': 'Rodzaj zlecenia',
  'drift.technician': 'Technik',
  'drift.loading': 'Liczenie…',
  'drift.offline': 'Pulpit jest liczony na serwerze: potrzebuje połączenia.',
  'drift.field': 'Pole',
  'drift.form': 'Formularz',
  'drift.examples':
    '{count, plural, one {Najnowsze zlecenie} few {Najnowsze # zlecenia} many {Najnowsze # zleceń} other {Najnowsze # zlecenia}}',
  'drift.sendBack.title': 'Odesłane do poprawy',
  'drift.sendBack.summary': '{sentBack} z {reviewed} sprawdzonych zleceń odesłano co najmniej raz ({percent} %).',
  'drift.sendBack.empty': 'Żadne zlecenie z tego okresu nie zostało jeszcze sprawdzone.',
  'drift.sendBack.byTechnician': 'Według technika',
  'drift.sendBack.byJobType': 'Według rodzaju zlecenia',
  'drift.sendBack.byTeam': 'Według zespołu',
  'drift.sendBack.reviewed': 'Sprawdzone',
  'drift.sendBack.sentBack': 'Odesłane',
  'drift.sendBack.rate': 'Odsetek',
  'drift.commented.title': 'Pola komentowane przy odsyłaniu',
  'drift.commented.intro': 'Pole, które ciągle wraca, może być niejasne w formularzu.',
  'drift.commented.empty': 'Przy odsyłaniu nie skomentowano żadnego pola.',
  'drift.commented.count': 'Komentarze',
  'drift.skipped.title': 'Pola puste lub z odpowiedzią „nie dotyczy”',
  'drift.skipped.intro':
    'W przesłanych formularzach. Pole, którego nikt nie wypełnia, może nie pasować do pracy; pole pokazywane tylko pod warunkiem liczy się tylko wtedy, gdy odpowiedź jest pusta.',
  'drift.skipped.empty': 'Każde pole przesłanych formularzy ma odpowiedź.',
  'drift.skipped.count': 'Puste',
  'drift.skipped.ofForms': '{count} z {of} formularzy',
  'drift.notes.title': 'Notatki według rodzaju zlecenia',
  'drift.notes.intro':
    'Długie notatki ({chars} znaków lub więcej) przy zakończonych zleceniach często zawierają to, o co powinno pytać pole formularza.',
  'drift.notes.empty': 'Żadne zlecenie z tego okresu nie jest jeszcze zakończone.',
  'drift.notes.chart': 'Średnia długość notatek według rodzaju zlecenia',
  'drift.notes.chars': '{count, plural, one {# znak} few {# znaki} many {# znaków} other {# znaku}}',
  'drift.notes.jobs': 'Zakończone zlecenia',
  'drift.notes.withNotes': 'Z notatkami',
  'drift.notes.average': 'Średnia długość',
  'drift.notes.long': '{chars}+ znaków',
  'drift.photos.title': 'Zakończone bez zdjęcia',
  'drift.photos.summary': '{count} z {done} zakończonych zleceń nie ma zdjęcia ({percent} %).',
  'drift.late.title': 'Formularze wypełniane po pracy',
  'drift.late.summary':
    '{count} z {forms} przesłanych formularzy uzupełniono ostatni raz ponad {hours} godz. po zakończeniu zlecenia.',
  'drift.late.median': 'Połowę ukończono w ciągu {minutes} min.',
  'drift.late.after': '{minutes} min później',
  'drift.devices.title': 'Urządzenia bez synchronizacji lub ze zmianami czekającymi od {days} dni lub dłużej',
  'drift.devices.empty': 'Każde urządzenie niedawno się synchronizowało.',
  'drift.devices.unnamed': 'Urządzenie',
  'drift.devices.row': '{device} · {person} · ostatnia synchronizacja {day}',
  'drift.devices.pending':
    '{count, plural, one {# zmiana czeka od {day}} few {# zmiany czekają, najstarsza od {day}} many {# zmian czeka, najstarsza od {day}} other {# zmiany czeka, najstarsza od {day}}}',
  'drift.items.title': 'Zaległe sprawy po terminie',
  'drift.items.empty': 'Żadna otwarta sprawa nie jest po terminie.',
  'drift.items.overdue': 'Po terminie',
  'drift.items.oldest': 'Najstarszy termin',
  'drift.items.noTeam': 'Bez zespołu',
} as const satisfies Record<keyof typeof enDrift, Message>;
