import { formatLocale } from './locale.ts';

/**
 * Dates, times and numbers follow the UI language, in the browser's regional variant of it when
 * it has one (en-GB keeps its 24-hour clock, en-US its 12-hour one); pass a locale only to pin
 * the format (tests).
 *
 * Formatters are built once per locale and kept: constructing an Intl.DateTimeFormat costs
 * ~0.1 ms in Chromium, which a screen of a few hundred job cards pays twice per card
 * (apps/web/bench/home-open.bench.ts).
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat>(
  kind: 'time' | 'day' | 'number',
  locale: string,
  make: () => F,
): F {
  const key = `${kind}|${locale}`;
  let format = formatters.get(key);
  if (!format) {
    format = make();
    formatters.set(key, format);
  }
  return format as F;
}

export function formatTime(iso: string, locale = formatLocale()): string {
  return formatter(
    'time',
    locale,
    () => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }),
  ).format(new Date(iso));
}

/** A short day, e.g. "Tue 12 May", "Tue, May 12" or "wt., 12 maj". */
export function formatDay(iso: string, locale = formatLocale()): string {
  return formatter(
    'day',
    locale,
    () => new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short' }),
  ).format(new Date(iso));
}

/** A count or measure with the language's digit grouping and decimal sign ("1 234,5" in Polish). */
export function formatNumber(value: number, locale = formatLocale()): string {
  return formatter('number', locale, () => new Intl.NumberFormat(locale)).format(value);
}

/**
 * Builds the day and time formatters ahead of the list that needs them, in a task of their own.
 * Chromium's first Intl.DateTimeFormat with weekday and month names loads the language's calendar
 * data: ~25 ms, 100 ms at 4× CPU, which otherwise lands inside the render of the first job list
 * (issue 10: the technician home's blocking time). main.tsx calls this before the first render.
 */
export function prepareFormats(locale = formatLocale()): void {
  setTimeout(() => {
    const now = new Date().toISOString();
    formatDay(now, locale);
    formatTime(now, locale);
  }, 0);
}
