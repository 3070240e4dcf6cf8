export { en, type MessageKey } from './en.ts';
export type { Message } from './message.ts';
export {
  createTranslator,
  isMessageKey,
  setMissingKeyHandler,
  type MissingKeyHandler,
  type Params,
  type Translate,
} from './translate.ts';
export { t, LOCALES, applyLocale, chooseLocale, currentLocale, preferredLocale, type Locale } from './locale.ts';
export { useT, useLocale, TranslateContext } from './use-t.ts';
export { LanguageSwitch } from './language-switch.tsx';
export { formatDay, formatTime, formatNumber, prepareFormats } from './format.ts';
export { roleKey, statusKey, priorityKey } from './domain-labels.ts';
export { serverMessage } from './server-message.ts';
