/**
 * A message: an ICU MessageFormat string (`{name}`, `{count, plural, one {…} few {…} other {…}}`),
 * or — the older English shape, still accepted — plural forms chosen by `count`, turned into an
 * ICU plural by toIcu().
 */
export type Message =
  string | { readonly one: string; readonly few?: string; readonly many?: string; readonly other: string };

/** Inside a plural branch `#` is the count; a literal one in the older shape must stay literal. */
const literal = (text: string) => text.replace(/#/g, "'#'");

export function toIcu(message: Message): string {
  if (typeof message === 'string') return message;
  const forms = (['one', 'few', 'many', 'other'] as const).flatMap((form) => {
    const text = message[form];
    return text === undefined ? [] : [`${form} {${literal(text)}}`];
  });
  return `{count, plural, ${forms.join(' ')}}`;
}
