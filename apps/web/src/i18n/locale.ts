import { createTranslator, englishMessages, type Catalog, type Translate } from './translate.ts';

/** The UI languages, English first: it ships in the main bundle and backs every other one. */
export const LOCALES = ['en', 'pl'] as const;
export type Locale = (typeof LOCALES)[number];

// Other languages are their own chunk, fetched only by someone who chose them; the service
// worker precaches it with the rest of the app, so a switch works offline too.
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<Catalog>> = {
  pl: async () => (await import('./pl.ts')).pl,
};

const DEVICE_KEY = 'lastmile.locale';
const personKey = (userId: string) => `lastmile.locale.${userId}`;

let active: { locale: Locale; t: Translate } = { locale: 'en', t: createTranslator('en', englishMessages) };
const listeners = new Set<() => void>();
const translators = new Map<Locale, Translate>([['en', active.t]]);
let latestRequest = 0;

export const isLocale = (value: unknown): value is Locale => LOCALES.some((locale) => locale === value);

function read(key: string): Locale | null {
  try {
    const value = localStorage.getItem(key);
    return isLocale(value) ? value : null;
  } catch {
    return null; // storage blocked (some private modes): follow the browser's language
  }
}

function write(key: string, locale: Locale): void {
  try {
    localStorage.setItem(key, locale);
  } catch {
    // Without storage the choice holds until the page closes.
  }
}

/** The first of the browser's languages the app speaks, e.g. Polish for `pl-PL`. */
export function browserLocale(languages: readonly string[] = globalThis.navigator?.languages ?? []): Locale {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

/**
 * The person's own choice on this device, else the device's last choice, else their
 * organization's default language, else the browser's.
 */
export function preferredLocale(userId?: string, orgLocale?: Locale): Locale {
  return (userId ? read(personKey(userId)) : null) ?? read(DEVICE_KEY) ?? orgLocale ?? browserLocale();
}

export const currentLocale = (): Locale => active.locale;
export const currentTranslator = (): Translate => active.t;

export function subscribeLocale(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Loads the language's catalog if needed and makes it the active one; the last call wins. */
export async function applyLocale(locale: Locale): Promise<void> {
  const request = ++latestRequest;
  let translate = translators.get(locale);
  if (!translate) {
    translate = createTranslator(locale, await loaders[locale as Exclude<Locale, 'en'>]());
    translators.set(locale, translate);
  }
  if (request !== latestRequest || active.locale === locale) return;
  active = { locale, t: translate };
  // Screen readers pick their voice from it, and the browser its hyphenation and quotes.
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  for (const listener of listeners) listener();
}

/** A person picks a language: remembered for them and as this device's default, applied at once. */
export async function chooseLocale(locale: Locale, userId?: string): Promise<void> {
  write(DEVICE_KEY, locale);
  if (userId) write(personKey(userId), locale);
  await applyLocale(locale);
}

/**
 * The locale for dates, times and numbers: the browser's own regional variant of the UI language
 * when it has one (en-GB keeps its 24-hour clock), else the UI language itself.
 */
export function formatLocale(): string {
  const language = active.locale;
  const languages = globalThis.navigator?.languages ?? [];
  return languages.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

/** Follows the active language; for code outside React (React components use useT()). */
export const t: Translate = (key, params) => active.t(key, params);
