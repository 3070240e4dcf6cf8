import { en, type MessageKey } from './en.ts';
import type { Message } from './message.ts';

export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: Params) => string;

type Catalog = Readonly<Record<string, Message>>;

export type MissingKeyHandler = (key: string, locale: string) => void;

let onMissingKey: MissingKeyHandler = (key, locale) => {
  console.warn(`[i18n] missing message "${key}" for locale "${locale}"`);
};

/** Replaces how missing keys are reported (tests capture them; production could log them). */
export function setMissingKeyHandler(handler: MissingKeyHandler): void {
  onMissingKey = handler;
}

function interpolate(template: string, params: Params | undefined): string {
  // An unknown parameter stays visible as `{name}` so the gap is obvious on screen and in tests.
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params?.[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * Builds a translate function for one catalog. A key the catalog lacks (possible when a key is
 * built at runtime, e.g. from a status the server added later) falls back to English, then to
 * the key itself, and is reported once per key.
 */
export function createTranslator(locale: string, catalog: Catalog): Translate {
  const plural = new Intl.PluralRules(locale);
  const reported = new Set<string>();
  return (key, params) => {
    const message = catalog[key] ?? (en as Catalog)[key];
    if (message === undefined) {
      if (!reported.has(key)) {
        reported.add(key);
        onMissingKey(key, locale);
      }
      return key;
    }
    if (typeof message === 'string') return interpolate(message, params);
    const count = Number(params?.['count'] ?? 0);
    const form = plural.select(count) === 'one' ? message.one : message.other;
    return interpolate(form, params);
  };
}

/** English, the only language so far; the React side reaches it through useT(). */
export const t: Translate = createTranslator('en', en);

/** Lets callers translate keys built at runtime, narrowing them to the catalog's type. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
