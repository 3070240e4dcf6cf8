import type { Message } from './message.ts';

/** The inbox screen; the header link's and the job card's keys are in en.ts. Lazy: screens-messages.ts. */
export const enInbox = {
  'inbox.title': 'Inbox',
  'inbox.unread': '{count, plural, one {# unread} other {# unread}}',
  'inbox.empty':
    'Nothing yet. You are told here when a job is assigned to you or taken away, when someone writes on your job or mentions you, and when your work is sent back.',
  'inbox.noneUnread': 'Nothing unread',
  'inbox.mentionHint': 'Type @ and a name to tell someone; they see it in their inbox.',
  'inbox.mentionSuggestions': 'People to mention',
  'inbox.mention': 'Mention {name}',
  'inbox.markRead': 'Mark read',
  'inbox.markAllRead': 'Mark all read',
  'inbox.new': 'New:',
  'inbox.someone': 'Someone',
  'inbox.aJob': 'a job',
  'inbox.kind.assigned': '{who} assigned {job} to you',
  'inbox.kind.reassigned_away': '{who} gave {job} to someone else',
  'inbox.kind.message': '{who} wrote on {job}',
  'inbox.kind.mentioned': '{who} mentioned you on {job}',
  'inbox.kind.sent_back': '{who} sent {job} back to you',
  'inbox.kind.item_due': 'An outstanding item of yours is due today ({job})',
  'inbox.kind.item_overdue': 'An outstanding item of yours is overdue ({job})',
  'inbox.openItems': 'Open outstanding items',
  'inbox.kind.webhook_disabled': 'A webhook was switched off after failing for more than a day',
  'inbox.openWebhooks': 'Open webhooks',
  'mutation.markNotificationsRead': 'Mark notifications read',
} as const satisfies Record<string, Message>;
