export { en, type MessageKey } from './en.ts';
export type { Message } from './message.ts';
export {
  t,
  createTranslator,
  isMessageKey,
  setMissingKeyHandler,
  type MissingKeyHandler,
  type Params,
  type Translate,
} from './translate.ts';
export { useT, TranslateContext } from './use-t.ts';
export { formatDay, formatTime } from './format.ts';
export { roleKey, statusKey, priorityKey } from './domain-labels.ts';
