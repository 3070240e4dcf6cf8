import type { Message } from './message.ts';

/** The shared controls of lists and forms (`ui.*`: multi-select, combobox, date range). Lazy: screens-messages.ts. */
export const enControls = {
  'ui.multiSelect.any': 'Any',
  'ui.multiSelect.count': '{count, plural, one {# chosen} other {# chosen}}',
  'ui.multiSelect.narrow': 'Narrow the list of {label}',
  'ui.multiSelect.narrowPlaceholder': 'Type to narrow',
  'ui.multiSelect.none': 'Nothing matches',
  'ui.multiSelect.clear': 'Clear',
  'ui.combobox.placeholder': 'Search or choose',
  'ui.combobox.clear': 'Clear {label}',
  'ui.combobox.none': 'Nothing matches',
  'ui.field.required': '(required)',
  'ui.dateRange.between': '{from} – {to}',
  'ui.dateRange.from': 'from {day}',
  'ui.dateRange.until': 'until {day}',
  'ui.dateRange.fromLabel': 'From',
  'ui.dateRange.toLabel': 'To (included)',
} as const satisfies Record<string, Message>;
