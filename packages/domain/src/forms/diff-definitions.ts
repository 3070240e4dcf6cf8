import type { Field, Section, TemplateDefinition, Visibility } from './definition.ts';
import { indexDefinition } from './field-index.ts';
import { describeCondition, fieldTypeName } from './validate-definition.ts';

export type DefinitionChange = {
  kind: 'added' | 'removed' | 'changed' | 'moved';
  target: 'section' | 'field';
  key: string;
  /** The label (or section title) in the newer definition, else the older one. */
  label: string;
  /** For `changed`: one readable line per property, "Maximum: 100 → 200". */
  details: string[];
  /** The whole change in one sentence. */
  summary: string;
};

function visibilityText(v: Visibility | null): string {
  if (!v) return 'always shown';
  return `shown when ${v.conditions.map(describeCondition).join(v.match === 'all' ? ' and ' : ' or ')}`;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(none)';
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

function compareField(a: Field, b: Field): string[] {
  const details: string[] = [];
  const line = (what: string, x: unknown, y: unknown) => {
    if (JSON.stringify(x) !== JSON.stringify(y)) details.push(`${what}: ${show(x)} → ${show(y)}`);
  };
  if (a.type !== b.type) details.push(`Type: ${fieldTypeName(a.type)} → ${fieldTypeName(b.type)}`);
  line('Label', a.label, b.label);
  line('Help', a.help, b.help);
  if (a.required !== b.required) details.push(b.required ? 'Now required' : 'No longer required');
  if (JSON.stringify(a.visibleWhen) !== JSON.stringify(b.visibleWhen))
    details.push(`Visibility: ${visibilityText(a.visibleWhen)} → ${visibilityText(b.visibleWhen)}`);
  line('Default', 'default' in a ? a.default : undefined, 'default' in b ? b.default : undefined);
  if (a.type === 'number' && b.type === 'number') {
    line('Unit', a.unit, b.unit);
    line('Minimum', a.min, b.min);
    line('Maximum', a.max, b.max);
    line('Decimals', a.decimals, b.decimals);
  }
  if (
    (a.type === 'singleChoice' || a.type === 'multipleChoice') &&
    (b.type === 'singleChoice' || b.type === 'multipleChoice')
  ) {
    const before = new Map(a.choices.map((c) => [c.value, c.label]));
    const after = new Map(b.choices.map((c) => [c.value, c.label]));
    for (const [value, label] of after) {
      if (!before.has(value)) details.push(`Choice added: "${label}"`);
      else if (before.get(value) !== label) details.push(`Choice renamed: "${before.get(value)}" → "${label}"`);
    }
    for (const [value, label] of before) if (!after.has(value)) details.push(`Choice removed: "${label}"`);
    const order = (list: { value: string }[]) =>
      list
        .map((c) => c.value)
        .filter((v) => before.has(v) && after.has(v))
        .join(',');
    if (order(a.choices) !== order(b.choices)) details.push('Choices reordered');
  }
  if (a.type === 'photos' && b.type === 'photos') line('Maximum photos', a.maxPhotos, b.maxPhotos);
  if (a.type === 'group' && b.type === 'group') {
    line('Minimum entries', a.minEntries, b.minEntries);
    line('Maximum entries', a.maxEntries, b.maxEntries);
  }
  return details;
}

function compareSection(a: Section, b: Section): string[] {
  const details: string[] = [];
  if (a.title !== b.title) details.push(`Title: "${a.title}" → "${b.title}"`);
  if (JSON.stringify(a.visibleWhen) !== JSON.stringify(b.visibleWhen))
    details.push(`Visibility: ${visibilityText(a.visibleWhen)} → ${visibilityText(b.visibleWhen)}`);
  const order = (s: Section, other: Section) => {
    const keep = new Set(other.fields.map((f) => f.key));
    return s.fields
      .map((f) => f.key)
      .filter((k) => keep.has(k))
      .join(',');
  };
  if (order(a, b) !== order(b, a)) details.push('Fields reordered');
  return details;
}

/**
 * A readable list of what changed between two definitions, matched by key: sections and fields
 * added, removed, moved (to another section or group) and changed (property by property).
 */
export function diffDefinitions(a: TemplateDefinition, b: TemplateDefinition): DefinitionChange[] {
  const before = indexDefinition(a);
  const after = indexDefinition(b);
  const changes: DefinitionChange[] = [];
  for (const s of after.sections) {
    const old = before.sectionByKey.get(s.key);
    if (!old) {
      changes.push({
        kind: 'added',
        target: 'section',
        key: s.key,
        label: s.section.title,
        details: [],
        summary: `Section "${s.section.title}" added`,
      });
      continue;
    }
    const details = compareSection(old.section, s.section);
    if (details.length)
      changes.push({
        kind: 'changed',
        target: 'section',
        key: s.key,
        label: s.section.title,
        details,
        summary: `Section "${s.section.title}" changed: ${details.join('; ')}`,
      });
  }
  for (const s of before.sections) {
    if (!after.sectionByKey.has(s.key))
      changes.push({
        kind: 'removed',
        target: 'section',
        key: s.key,
        label: s.section.title,
        details: [],
        summary: `Section "${s.section.title}" removed`,
      });
  }
  const place = (e: { section: Section; group: Field | null }) =>
    e.group ? `group "${e.group.label}"` : `section "${e.section.title}"`;
  for (const f of after.fields) {
    const old = before.byKey.get(f.key);
    if (!old) {
      changes.push({
        kind: 'added',
        target: 'field',
        key: f.key,
        label: f.field.label,
        details: [],
        summary: `Field "${f.field.label}" (${f.key}) added to ${place(f)}`,
      });
      continue;
    }
    if (old.section.key !== f.section.key || old.group?.key !== f.group?.key) {
      changes.push({
        kind: 'moved',
        target: 'field',
        key: f.key,
        label: f.field.label,
        details: [],
        summary: `Field "${f.field.label}" (${f.key}) moved from ${place(old)} to ${place(f)}`,
      });
    }
    const details = compareField(old.field, f.field);
    if (details.length)
      changes.push({
        kind: 'changed',
        target: 'field',
        key: f.key,
        label: f.field.label,
        details,
        summary: `Field "${f.field.label}" (${f.key}) changed: ${details.join('; ')}`,
      });
  }
  for (const f of before.fields) {
    if (!after.byKey.has(f.key))
      changes.push({
        kind: 'removed',
        target: 'field',
        key: f.key,
        label: f.field.label,
        details: [],
        summary: `Field "${f.field.label}" (${f.key}) removed`,
      });
  }
  return changes;
}
