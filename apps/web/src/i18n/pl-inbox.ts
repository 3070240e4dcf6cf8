import type { enInbox } from './en-inbox.ts';
import type { Message } from './message.ts';

export const plInbox = {
  'inbox.title': 'Powiadomienia',
  'inbox.link': 'Powiadomienia',
  'inbox.linkUnread':
    '{count, plural, one {Powiadomienia, # nieprzeczytane} few {Powiadomienia, # nieprzeczytane} many {Powiadomienia, # nieprzeczytanych} other {Powiadomienia, # nieprzeczytanego}}',
  'inbox.unread':
    '{count, plural, one {# nieprzeczytane} few {# nieprzeczytane} many {# nieprzeczytanych} other {# nieprzeczytanego}}',
  'inbox.empty':
    'Na razie nic. Tu dowiesz się, gdy ktoś przydzieli ci zlecenie lub je zabierze, napisze przy twoim zleceniu lub cię wspomni, i gdy twoja praca wróci do poprawy.',
  'inbox.noneUnread': 'Nic nieprzeczytanego',
  'inbox.jobUnread': '{count, plural, one {# nowe} few {# nowe} many {# nowych} other {# nowego}}',
  'inbox.mentionHint': 'Wpisz @ i imię, aby kogoś powiadomić; zobaczy to w swoich powiadomieniach.',
  'inbox.mentionSuggestions': 'Osoby do wspomnienia',
  'inbox.mention': 'Wspomnij: {name}',
  'inbox.mentionOutside': 'Wspomnij: {name} (spoza Twojego zespołu: dostanie tę wiadomość, nie zlecenie)',
  'people.withTeam': '{name}, {team}',
  'people.outside.title': 'Osoby spoza Twojego zespołu',
  'people.outside.offline': 'Osoby spoza Twojego zespołu można znaleźć, gdy masz połączenie z internetem.',
  'people.outside.searching': 'Szukam osób spoza Twojego zespołu…',
  'people.outside.none': 'Nikt spoza Twojego zespołu nie ma takiego imienia ani nazwiska.',
  'people.outside.failed': 'Nie udało się teraz wyszukać osób spoza Twojego zespołu. Spróbuj ponownie.',
  'inbox.markRead': 'Oznacz jako przeczytane',
  'inbox.markAllRead': 'Oznacz wszystkie jako przeczytane',
  'inbox.new': 'Nowe:',
  'inbox.someone': 'Ktoś',
  'inbox.aJob': 'zlecenie',
  'inbox.kind.assigned': '{who} przydziela ci {job}',
  'inbox.kind.reassigned_away': '{who} przekazuje {job} komuś innemu',
  'inbox.kind.message': '{who} pisze przy {job}',
  'inbox.kind.mentioned': '{who} wspomina cię przy {job}',
  'inbox.kind.sent_back': '{who} odsyła ci {job} do poprawy',
  'inbox.kind.item_due': 'Twoja otwarta sprawa ma termin dzisiaj ({job})',
  'inbox.kind.item_overdue': 'Twoja otwarta sprawa jest po terminie ({job})',
  'inbox.openItems': 'Otwórz sprawy otwarte',
  'inbox.kind.webhook_disabled': 'Webhook został wyłączony po ponad dobie nieudanych wysyłek',
  'inbox.openWebhooks': 'Otwórz webhooki',
  'mutation.markNotificationsRead': 'Oznaczenie powiadomień jako przeczytanych',
} as const satisfies Record<keyof typeof enInbox | 'inbox.link' | 'inbox.linkUnread' | 'inbox.jobUnread', Message>;
