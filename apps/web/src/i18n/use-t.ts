import { createContext, useContext, useSyncExternalStore } from 'react';
import { currentLocale, currentTranslator, subscribeLocale, type Locale } from './locale.ts';
import type { Translate } from './translate.ts';

/** Pins a translator for a subtree (tests, previews); without it components follow the active language. */
export const TranslateContext = createContext<Translate | null>(null);

export function useT(): Translate {
  const pinned = useContext(TranslateContext);
  const active = useSyncExternalStore(subscribeLocale, currentTranslator);
  return pinned ?? active;
}

export function useLocale(): Locale {
  return useSyncExternalStore(subscribeLocale, currentLocale);
}
