/** A message, or plural forms chosen with Intl.PluralRules from the `count` parameter. */
export type Message = string | { readonly one: string; readonly other: string };
