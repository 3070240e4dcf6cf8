import type {
  Condition,
  Field,
  FieldType,
  GroupField,
  LeafField,
  Section,
  TemplateDefinition,
  Visibility,
} from '@lastmile/domain';

/**
 * Pure edits of a template definition for the visual builder. Each returns a new definition
 * (the editor keeps history-free immutable state); positions are section index + field index.
 */
export type FieldPos = { section: number; field: number };

export function allKeys(definition: TemplateDefinition): Set<string> {
  const keys = new Set<string>();
  for (const section of definition.sections) {
    keys.add(section.key);
    for (const field of section.fields) {
      keys.add(field.key);
      if (field.type === 'group') for (const child of field.fields) keys.add(child.key);
    }
  }
  return keys;
}

/** `base`, or `base_2`, `base_3`… whichever is not taken yet. */
export function uniqueKey(base: string, taken: ReadonlySet<string>): string {
  const clean =
    base
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^[^a-z]+/, '')
      .replace(/_+$/, '')
      .slice(0, 56) || 'field';
  if (!taken.has(clean)) return clean;
  for (let n = 2; ; n++) if (!taken.has(`${clean}_${n}`)) return `${clean}_${n}`;
}

/** A key made from a label ("Flue gas CO₂" → "flue_gas_co"), for fields the person names first. */
export function keyFromLabel(label: string, taken: ReadonlySet<string>): string {
  return uniqueKey(label.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''), taken);
}

const base = (key: string, label: string) => ({ key, label, help: '', required: false, visibleWhen: null });

export function newLeafField(type: Exclude<FieldType, 'group'>, key: string, label: string): LeafField {
  switch (type) {
    case 'number':
      return { ...base(key, label), type, unit: '', min: null, max: null, decimals: 0 };
    case 'singleChoice':
    case 'multipleChoice':
      return { ...base(key, label), type, choices: [{ value: 'option_1', label: 'Option 1' }] };
    case 'photos':
      return { ...base(key, label), type, maxPhotos: 10 };
    default:
      return { ...base(key, label), type };
  }
}

export function newField(type: FieldType, key: string, label: string, taken: ReadonlySet<string>): Field {
  if (type !== 'group') return newLeafField(type, key, label);
  const child = newLeafField('shortText', uniqueKey(`${key}_item`, new Set([...taken, key])), 'Item');
  const group: GroupField = { ...base(key, label), type: 'group', fields: [child], minEntries: 0, maxEntries: 20 };
  return group;
}

/** The same field as another type: key, label, help, required and condition kept, type settings reset. */
export function changeType(field: Field, type: FieldType, taken: ReadonlySet<string>): Field {
  const next = newField(type, field.key, field.label, taken);
  return { ...next, help: field.help, required: field.required, visibleWhen: field.visibleWhen };
}

function mapSection(
  definition: TemplateDefinition,
  index: number,
  fn: (section: Section) => Section,
): TemplateDefinition {
  return { ...definition, sections: definition.sections.map((s, i) => (i === index ? fn(s) : s)) };
}

export function addSection(definition: TemplateDefinition, title: string): TemplateDefinition {
  const key = keyFromLabel(title, allKeys(definition));
  return { ...definition, sections: [...definition.sections, { key, title, visibleWhen: null, fields: [] }] };
}

export function updateSection(
  definition: TemplateDefinition,
  index: number,
  patch: Partial<Section>,
): TemplateDefinition {
  return mapSection(definition, index, (s) => ({ ...s, ...patch }));
}

export function removeSection(definition: TemplateDefinition, index: number): TemplateDefinition {
  return { ...definition, sections: definition.sections.filter((_, i) => i !== index) };
}

export function moveSection(definition: TemplateDefinition, index: number, to: number): TemplateDefinition {
  if (to < 0 || to >= definition.sections.length || to === index) return definition;
  const sections = [...definition.sections];
  const [moved] = sections.splice(index, 1);
  sections.splice(to, 0, moved!);
  return { ...definition, sections };
}

export function addField(definition: TemplateDefinition, section: number, field: Field): TemplateDefinition {
  return mapSection(definition, section, (s) => ({ ...s, fields: [...s.fields, field] }));
}

export function updateField(definition: TemplateDefinition, pos: FieldPos, field: Field): TemplateDefinition {
  return mapSection(definition, pos.section, (s) => ({
    ...s,
    fields: s.fields.map((f, i) => (i === pos.field ? field : f)),
  }));
}

export function removeField(definition: TemplateDefinition, pos: FieldPos): TemplateDefinition {
  return mapSection(definition, pos.section, (s) => ({ ...s, fields: s.fields.filter((_, i) => i !== pos.field) }));
}

/** Moves a field to a position (drag and drop); `to.field` may equal the target's length (the end). */
export function moveField(definition: TemplateDefinition, from: FieldPos, to: FieldPos): TemplateDefinition {
  const field = definition.sections[from.section]?.fields[from.field];
  const target = definition.sections[to.section];
  if (!field || !target) return definition;
  const without = removeField(definition, from);
  // Removing from the same section shifts later positions up by one.
  const index = from.section === to.section && to.field > from.field ? to.field - 1 : to.field;
  return mapSection(without, to.section, (s) => {
    const fields = [...s.fields];
    fields.splice(Math.max(0, Math.min(index, fields.length)), 0, field);
    return { ...s, fields };
  });
}

/**
 * The keyboard's move up/down: one place within the section, or across the boundary into the
 * end of the previous / the start of the next section. Returns the new position (null: no move).
 */
export function stepField(
  definition: TemplateDefinition,
  pos: FieldPos,
  delta: -1 | 1,
): { definition: TemplateDefinition; pos: FieldPos } | null {
  const section = definition.sections[pos.section];
  if (!section) return null;
  const inside = pos.field + delta;
  if (inside >= 0 && inside < section.fields.length) {
    const to = { section: pos.section, field: delta === 1 ? inside + 1 : inside };
    return { definition: moveField(definition, pos, to), pos: { section: pos.section, field: inside } };
  }
  const neighbour = pos.section + delta;
  const other = definition.sections[neighbour];
  if (!other) return null;
  const to = { section: neighbour, field: delta === 1 ? 0 : other.fields.length };
  return { definition: moveField(definition, pos, to), pos: to };
}

/** Fields a condition can test: those before the given one (conditions look back, never ahead). */
export function conditionSources(definition: TemplateDefinition, before: FieldPos | { section: number }): Field[] {
  const sources: Field[] = [];
  for (const [si, section] of definition.sections.entries()) {
    for (const [fi, field] of section.fields.entries()) {
      const reached = si > before.section || (si === before.section && (!('field' in before) || fi >= before.field));
      if (reached) return sources;
      if (
        field.type !== 'instructions' &&
        field.type !== 'group' &&
        field.type !== 'photos' &&
        field.type !== 'signature'
      )
        sources.push(field);
    }
  }
  return sources;
}

export function emptyCondition(source: Field | undefined): Condition {
  return { field: source?.key ?? '', op: 'answered' };
}

export function withConditions(
  current: Visibility | null,
  conditions: Condition[],
  match: Visibility['match'] = current?.match ?? 'all',
): Visibility | null {
  return conditions.length === 0 ? null : { match, conditions };
}

function keyCount(definition: TemplateDefinition, key: string): number {
  let n = 0;
  for (const section of definition.sections) {
    if (section.key === key) n++;
    for (const field of section.fields) {
      if (field.key === key) n++;
      if (field.type === 'group') for (const child of field.fields) if (child.key === key) n++;
    }
  }
  return n;
}

/**
 * Renames one section's key (`field` absent) or one field's key, and the conditions that refer
 * to it. Only the item at `target` changes, even while another item shares its key; and while a
 * key is shared, conditions keep it (which of the two they meant cannot be known).
 */
export function renameKey(
  definition: TemplateDefinition,
  target: { section: number; field?: number },
  to: string,
): TemplateDefinition {
  const section = definition.sections[target.section];
  const from = target.field === undefined ? section?.key : section?.fields[target.field]?.key;
  if (from === undefined) return definition;
  const followConditions = keyCount(definition, from) === 1;
  const fix = (v: Visibility | null): Visibility | null =>
    v && followConditions
      ? { ...v, conditions: v.conditions.map((c) => (c.field === from ? { ...c, field: to } : c)) }
      : v;
  return {
    ...definition,
    sections: definition.sections.map((s, si) => ({
      ...s,
      key: si === target.section && target.field === undefined ? to : s.key,
      visibleWhen: fix(s.visibleWhen),
      fields: s.fields.map((f, fi) => ({
        ...f,
        key: si === target.section && fi === target.field ? to : f.key,
        visibleWhen: fix(f.visibleWhen),
      })),
    })),
  };
}

/**
 * The field or section key a server issue path points at ("sections.1.fields.0.label" → that
 * field's key), so publish errors can link to the card. Falls back to the issue's own key.
 */
export function issueKey(definition: TemplateDefinition, path: string): string | null {
  const parts = path.replace(/^definition\./, '').split('.');
  if (parts[0] !== 'sections') return null;
  const section = definition.sections[Number(parts[1])];
  if (!section) return null;
  if (parts[2] !== 'fields') return section.key;
  return section.fields[Number(parts[3])]?.key ?? section.key;
}
