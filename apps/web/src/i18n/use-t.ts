import { createContext, useContext } from 'react';
import { t, type Translate } from './translate.ts';

/** The active translator; a language switcher would provide another one here. */
export const TranslateContext = createContext<Translate>(t);

export function useT(): Translate {
  return useContext(TranslateContext);
}
