/**
 * The `@name` being typed just before the caret: where it starts and what was typed after the
 * `@` (at most three words, no line break). Null when the caret is not in one.
 */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at === -1) return null;
  // An @ inside a word is an email address, not a mention.
  if (at > 0 && /[\p{L}\p{N}._-]/u.test(before.charAt(at - 1))) return null;
  const query = before.slice(at + 1);
  if (/[\n@]/.test(query) || query.split(' ').length > 3 || query.length > 60) return null;
  return { start: at, query };
}

/** The text with the mention being typed replaced by `@Full Name `, and where the caret goes. */
export function insertMention(
  text: string,
  caret: number,
  mention: { start: number },
  name: string,
): { text: string; caret: number } {
  const inserted = `@${name} `;
  const after = text.slice(caret).replace(/^\S*/, '');
  return {
    text: text.slice(0, mention.start) + inserted + after.replace(/^ /, ''),
    caret: mention.start + inserted.length,
  };
}

/** People whose name has a word starting with the query, best matches first, a few at most. */
export function mentionCandidates<P extends { name: string }>(people: readonly P[], query: string, max = 6): P[] {
  const q = query.trim().toLocaleLowerCase();
  const starts = (p: P) => p.name.toLocaleLowerCase().startsWith(q);
  const word = (p: P) =>
    p.name
      .toLocaleLowerCase()
      .split(/\s+/)
      .some((w) => w.startsWith(q.split(' ')[0] ?? ''));
  const fits = (p: P) => p.name.toLocaleLowerCase().includes(q) && (starts(p) || word(p));
  return [...people]
    .filter(fits)
    .sort((a, b) => Number(starts(b)) - Number(starts(a)) || a.name.localeCompare(b.name))
    .slice(0, max);
}
