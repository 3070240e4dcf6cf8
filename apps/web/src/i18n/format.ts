/**
 * Dates and times follow the device's regional settings (24-hour clock or not), whatever the
 * UI language; pass a locale only to pin the format (tests).
 *
 * Formatters are built once per locale and kept: constructing an Intl.DateTimeFormat costs
 * ~0.1 ms in Chromium, which a screen of a few hundred job cards pays twice per card
 * (apps/web/bench/home-open.bench.ts).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'time' | 'day', locale: string | undefined): Intl.DateTimeFormat {
  const key = `${kind}|${locale ?? ''}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      locale,
      kind === 'time' ? { hour: 'numeric', minute: '2-digit' } : { weekday: 'short', day: 'numeric', month: 'short' },
    );
    formatters.set(key, format);
  }
  return format;
}

export function formatTime(iso: string, locale?: string): string {
  return formatter('time', locale).format(new Date(iso));
}

/** A short day, e.g. "Tue 12 May" or "Tue, May 12". */
export function formatDay(iso: string, locale?: string): string {
  return formatter('day', locale).format(new Date(iso));
}
