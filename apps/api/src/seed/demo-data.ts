import type { Role } from '@lastmile/domain';

/** The fixed cast and vocabulary of the demo organization (a heating and fire-safety firm in Bristol). */
export const DEMO_ORG_NAME = 'Northwind Heating & Fire';
export const DEMO_PASSWORD = 'lastmile-demo';
export const DEMO_EMAIL_DOMAIN = 'demo.lastmile.app';

export const DEMO_TEAMS = ['North crew', 'South crew'] as const;

export type DemoPerson = { key: string; name: string; role: Role; team: number | null };

/** `key` is the email's local part: `tech1@demo.lastmile.app`. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { key: 'admin', name: 'Morgan Reid', role: 'admin', team: null },
  { key: 'office', name: 'Priya Shah', role: 'office', team: null },
  { key: 'lead1', name: 'Dan Okafor', role: 'lead', team: 0 },
  { key: 'lead2', name: 'Sofia Marques', role: 'lead', team: 1 },
  { key: 'tech1', name: 'Liam Carter', role: 'technician', team: 0 },
  { key: 'tech2', name: 'Aisha Begum', role: 'technician', team: 0 },
  { key: 'tech3', name: 'Tom Pritchard', role: 'technician', team: 0 },
  { key: 'tech4', name: 'Grace Nowak', role: 'technician', team: 1 },
  { key: 'tech5', name: 'Owen Hughes', role: 'technician', team: 1 },
  { key: 'tech6', name: 'Maya Lindqvist', role: 'technician', team: 1 },
];

export const DEMO_JOB_TYPES = [
  {
    name: 'Boiler service',
    minutes: 60,
    keyFields: ['gas_pressure_mbar', 'flue_co_ppm', 'appliance_safe'],
    title: 'Annual boiler service',
  },
  {
    name: 'Fire alarm inspection',
    minutes: 90,
    keyFields: ['panel_faults', 'detectors_tested', 'sounders_ok'],
    title: 'Fire alarm inspection',
  },
  {
    name: 'Heat pump install',
    minutes: 420,
    keyFields: ['unit_serial', 'refrigerant_charge_kg', 'commissioning_ok'],
    title: 'Heat pump installation',
  },
] as const;

export const BUSINESS_PREFIXES = [
  'Harbourside',
  'Clifton',
  'Redland',
  'Bedminster',
  'Southville',
  'Kingsdown',
  'Cotham',
  'Totterdown',
  'Easton',
  'Montpelier',
  'Hotwells',
  'Stokes Croft',
  'Whiteladies',
  'Brislington',
  'Filton',
] as const;

export const BUSINESS_KINDS = [
  'Dental Practice',
  'Primary School',
  'Community Centre',
  'Lofts Management',
  'Veterinary Surgery',
  'Care Home',
  'Bakery',
  'Library',
  'Medical Centre',
  'Sports Club',
  'Hotel',
  'Nursery',
] as const;

export const FIRST_NAMES = [
  'Helen',
  'Raj',
  'Joanna',
  'Peter',
  'Fatima',
  'George',
  'Siobhan',
  'Marek',
  'Ruth',
  'Kwame',
  'Elaine',
  'Hugo',
] as const;
export const LAST_NAMES = [
  'Whitfield',
  'Patel',
  'Evans',
  'Nguyen',
  'Ahmed',
  'Lloyd',
  "O'Brien",
  'Kowalski',
  'Morris',
  'Mensah',
  'Turner',
  'Davies',
] as const;

export const STREETS = [
  'Gloucester Road',
  'Whiteladies Road',
  'North Street',
  'Coronation Road',
  'Cheltenham Road',
  'Wells Road',
  'Park Row',
  'Queens Road',
  "St Michael's Hill",
  'Stapleton Road',
  'Bath Road',
  'Zetland Road',
  'Cotham Hill',
  'Ashley Road',
  'Fishponds Road',
  'Redcliff Hill',
  'Hotwell Road',
  'Chandos Road',
] as const;

/** Area and postcode district pairs; the coordinates are each area's rough centre. */
export const AREAS = [
  { area: 'Bishopston', postcode: 'BS7', lat: 51.4805, lng: -2.5901 },
  { area: 'Clifton', postcode: 'BS8', lat: 51.4556, lng: -2.6201 },
  { area: 'Bedminster', postcode: 'BS3', lat: 51.4395, lng: -2.6042 },
  { area: 'Redland', postcode: 'BS6', lat: 51.4701, lng: -2.6019 },
  { area: 'Easton', postcode: 'BS5', lat: 51.4628, lng: -2.5637 },
  { area: 'Totterdown', postcode: 'BS4', lat: 51.4407, lng: -2.5768 },
  { area: 'Fishponds', postcode: 'BS16', lat: 51.4802, lng: -2.5271 },
  { area: 'Filton', postcode: 'BS34', lat: 51.5067, lng: -2.5759 },
] as const;

export const ACCESS_NOTES = [
  'Key safe by the side gate, code 4821. Dog in the garden: ring first.',
  'Report to reception and sign in; plant room key held by the caretaker.',
  'Parking on the street is permit only: use the rear yard off the lane.',
  'Boiler is in the loft; ladder stored in the garage.',
  'Gas meter in the cellar, torch needed. Tenant works nights, call ahead.',
  'Fire panel behind the reception desk. Alarm company must be told before testing.',
  'Narrow access: van will not fit under the archway, park on the main road.',
  'Site manager Jo on 07700 900123. Hi-vis required beyond the barrier.',
  'Elderly resident, allow time at the door. Daughter has a spare key.',
  '',
] as const;

export const JOB_NOTES = [
  'Customer prefers morning visits.',
  'Previous visit noted a weeping valve on the return pipe.',
  'Bring spare detector heads (2 × optical).',
  'Quote approved; materials delivered to site last week.',
  'Annual contract visit.',
  '',
  '',
] as const;

export const PAUSE_REASONS = [
  'Waiting for parts from the wholesaler.',
  'Customer had to leave; returning after lunch.',
] as const;
export const SEND_BACK_REASONS = [
  'Photos of the flue terminal are missing.',
  'CO reading not recorded; please add it.',
] as const;
export const CANCEL_REASONS = ['Customer cancelled: no access on the day.', 'Duplicate booking.'] as const;
