import type { Message } from './message.ts';

/** The office navigation and office screen titles: in the main bundle, the rest of en-office.ts is not. */
export const enOfficeNav = {
  'office.nav.label': 'Office',
  'office.nav.jobs': 'Jobs',
  'office.nav.newJob': 'New job',
  'office.nav.customers': 'Customers and sites',
  'office.nav.jobTypes': 'Job types',
  'office.nav.import': 'Import jobs',
  'office.nav.items': 'Outstanding items',
  'office.nav.templates': 'Form templates',
  'office.nav.changes': 'Refused changes',
  'office.nav.drift': 'Drift',
  'drift.title': 'Drift',
  'office.nav.devices': 'Devices',
  'devices.title': 'Devices',
  'office.nav.people': 'People',
  'office.nav.teams': 'Teams',
  'office.nav.settings': 'Settings',
  'admin.people.title': 'People',
  'admin.teams.title': 'Teams',
  'admin.settings.title': 'Organization settings',
  'office.job.newTitle': 'New job',
  'office.customers.title': 'Customers and sites',
  'office.jobTypes.title': 'Job types',
  'import.title': 'Import jobs from CSV',
} as const satisfies Record<string, Message>;
