import type { Message } from './message.ts';

/** The lead's and the office's start screens (`home.lead.*`, `home.office.*`). Lazy: screens-messages.ts. */
export const enHomes = {
  'home.lead.title': "My team's jobs today",
  'home.office.title': 'All jobs',
  'home.empty.leadToday': 'No jobs for your team today. Jobs the office schedules appear here after the next sync.',
  'home.empty.noTeam': 'You are not in a team yet. Ask the office to add you to one.',
  'home.empty.noMatches': 'No jobs match these filters.',
  'home.lead.unassigned': 'Unassigned',
  'home.lead.unknownTechnician': 'Technician not on this device yet',
  'home.office.search': 'Search jobs',
  'home.office.searchHint': 'Number, title, customer or address',
  'home.office.status': 'Status',
  'home.office.allStatuses': 'All statuses',
  'home.office.showing': 'Showing {shown} of {total} jobs. Narrow the search to see the rest.',
} as const satisfies Record<string, Message>;
