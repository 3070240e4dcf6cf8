/** Formats a clock time in the device's time zone, e.g. "08:30" or "8:30 AM". */
export function formatTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** Formats a day, e.g. "Tue 12 May". */
export function formatDay(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short' }).format(
    new Date(iso),
  );
}
