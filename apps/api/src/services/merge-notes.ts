import { diff3Merge } from 'node-diff3';

/**
 * A job's notes written on two devices without either seeing the other's text (offline, or a
 * phone and the office at once): the later write no longer replaces the earlier (found by an
 * outsider tester: the office's new gate code and a technician's "boiler room flooded" were both
 * gone from every device when the lead's offline edit arrived). The phone sends the text its edit
 * started from (`baseNotes`); the server merges, line by line, the lines the writer changed since
 * that text with the lines changed in the stored notes since it (diff3, as version control merges
 * files). Where both changed the same lines, both versions are kept, the writer's first: nothing
 * anyone typed disappears, and whoever reads the notes next sees both and tidies them.
 *
 * `base`: the text the writer's edit started from; `stored`: the notes now; `mine`: the writer's
 * new text. With `stored` equal to `base` (nobody else wrote meanwhile) the result is `mine`.
 */
export function mergeNotes(base: string, stored: string, mine: string): string {
  if (stored === base || stored === mine) return mine;
  if (mine === base) return stored;
  const blocks = diff3Merge(lines(mine), lines(base), lines(stored), { excludeFalseConflicts: true });
  const merged = blocks.flatMap((block) => (block.conflict ? bothEdits(block.conflict) : (block.ok ?? [])));
  return merged.join('\n');
}

/**
 * Lines both sides changed (or next to each other: diff3 counts adjacent changes as one). The
 * writer's lines stay in their order; a line of `base` the writer kept but the other side replaced
 * or removed gives way to the other side's new lines, in its place; lines only the other side added
 * come after the writer's when there is no such place. So every line either side added stays, an
 * edit of the other side is not undone by a writer who never saw it, and a person typing a line
 * next to someone else's change does not pile up every keystroke.
 */
function bothEdits({ a: ours, o: base, b: theirs }: { a: string[]; o: string[]; b: string[] }): string[] {
  const added = theirs.filter((line) => !ours.includes(line) && !base.includes(line));
  const result: string[] = [];
  let placed = false;
  for (const line of ours) {
    if (base.includes(line) && !theirs.includes(line)) {
      if (!placed) result.push(...added);
      placed = true;
    } else {
      result.push(line);
    }
  }
  if (!placed) result.push(...added);
  return result;
}

function lines(text: string): string[] {
  return text.split('\n');
}
