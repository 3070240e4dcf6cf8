import type { Answers, GroupEntry } from './answers.ts';
import { testCondition } from './conditions.ts';
import type { TemplateDefinition, Visibility } from './definition.ts';

/** The key of a group child in one entry, as it appears in a visibility set: `radiators.0.temperature`. */
export function entryFieldKey(groupKey: string, entry: number, childKey: string): string {
  return `${groupKey}.${entry}.${childKey}`;
}

export function matchesVisibility(visibility: Visibility | null, valueOf: (key: string) => unknown): boolean {
  if (!visibility) return true;
  const test = (c: Visibility['conditions'][number]) => testCondition(c, valueOf(c.field));
  return visibility.match === 'all' ? visibility.conditions.every(test) : visibility.conditions.some(test);
}

/**
 * Which sections and fields show for these answers: visible section keys, top-level field keys,
 * and for each entry of a visible group its visible children as `entryFieldKey(group, i, child)`.
 *
 * One pass in reading order: a condition may only depend on an earlier field (validateDefinition
 * enforces it), so every answer it reads is already settled. A hidden field counts as
 * unanswered, whatever value it holds, so hiding a field also hides what depends on it. A field
 * in a hidden section is hidden. A group child's condition reads its sibling in the same entry.
 */
export function evaluateVisibility(definition: TemplateDefinition, answers: Answers): Set<string> {
  const visible = new Set<string>();
  const effective = new Map<string, unknown>();
  const valueOf = (key: string) => effective.get(key);
  for (const section of definition.sections) {
    const sectionVisible = matchesVisibility(section.visibleWhen, valueOf);
    if (sectionVisible) visible.add(section.key);
    for (const field of section.fields) {
      const shown = sectionVisible && matchesVisibility(field.visibleWhen, valueOf);
      if (shown) visible.add(field.key);
      effective.set(field.key, shown ? answers[field.key] : undefined);
      if (field.type !== 'group' || !shown) continue;
      const entries = answers[field.key];
      if (!Array.isArray(entries)) continue;
      (entries as unknown[]).forEach((raw, i) => {
        const entry = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as GroupEntry;
        const local = new Map<string, unknown>();
        const childValueOf = (key: string) => (local.has(key) ? local.get(key) : effective.get(key));
        for (const child of field.fields) {
          const childShown = matchesVisibility(child.visibleWhen, childValueOf);
          if (childShown) visible.add(entryFieldKey(field.key, i, child.key));
          local.set(child.key, childShown ? entry[child.key] : undefined);
        }
      });
    }
  }
  return visible;
}
