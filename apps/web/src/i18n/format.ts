/**
 * Dates and times follow the device's regional settings (24-hour clock or not), whatever the
 * UI language; pass a locale only to pin the format (tests).
 */
export function formatTime(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** A short day, e.g. "Tue 12 May" or "Tue, May 12". */
export function formatDay(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(iso));
}
