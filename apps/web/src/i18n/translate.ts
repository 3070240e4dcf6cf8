import { setupI18n, type Messages } from '@lingui/core';
import { en, type MessageKey } from './en.ts';
import { toIcu, type Message } from './message.ts';

export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: Params) => string;

/**
 * A catalog as imported: ICU strings while developing and testing (Lingui compiles them on use),
 * already compiled by vite-plugins/compile-messages.ts in a production build.
 */
export type Catalog = Readonly<Record<string, Message>>;

export type MissingKeyHandler = (key: string, locale: string) => void;

let onMissingKey: MissingKeyHandler = (key, locale) => {
  console.warn(`[i18n] missing message "${key}" for locale "${locale}"`);
};

/** Replaces how missing keys are reported (tests capture them; production could log them). */
export function setMissingKeyHandler(handler: MissingKeyHandler): void {
  onMissingKey = handler;
}

function forLingui(catalog: Catalog): Messages {
  const messages: Messages = {};
  for (const [key, message] of Object.entries(catalog)) {
    // Compiled messages are arrays; only the older `{one, other}` shape needs turning into ICU.
    messages[key] = typeof message === 'object' && !Array.isArray(message) ? toIcu(message) : message;
  }
  return messages;
}

/**
 * The English messages loaded so far: the main bundle's, plus those of office and builder screens
 * once their chunk has run (office-messages.ts) — a technician never downloads those.
 */
const english: Record<string, Message> = { ...en };

export function addEnglish(messages: Catalog): void {
  Object.assign(english, messages);
}

// An unknown parameter stays visible as `{name}` so the gap is obvious on screen and in tests.
const visibleGaps = (params: Params | undefined) =>
  new Proxy(params ?? {}, { get: (values, name: string) => values[name] ?? `{${name}}` });

/**
 * Builds a translate function for one catalog. A key the catalog lacks (a key built at runtime,
 * e.g. from a status the server added later, or a string not translated yet) falls back to
 * English, then to the key itself, and is reported once per key.
 */
export function createTranslator(locale: string, catalog: Catalog): Translate {
  const i18n = setupI18n({ locale, messages: { [locale]: forLingui(catalog) } });
  const fallback = locale === 'en' ? undefined : createTranslator('en', english);
  const reported = new Set<string>();
  return (key, params) => {
    if (Object.hasOwn(catalog, key)) {
      // English grows when an office screen's messages arrive (addEnglish).
      if (!Object.hasOwn(i18n.messages, key)) i18n.load(locale, forLingui({ [key]: catalog[key]! }));
      return i18n._(key, visibleGaps(params));
    }
    if (fallback && Object.hasOwn(english, key)) return fallback(key, params);
    if (!reported.has(key)) {
      reported.add(key);
      onMissingKey(key, locale);
    }
    return key;
  };
}

/** Lets callers translate keys built at runtime, narrowing them to the catalog's type. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(english, key);
}

/** The English catalog as loaded so far (the active language's fallback). */
export const englishMessages: Catalog = english;
