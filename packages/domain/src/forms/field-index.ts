import type { Field, GroupField, LeafField, Section, TemplateDefinition, Visibility } from './definition.ts';

/** One field in reading order: sections top to bottom, fields in order, a group's children right after it. */
export type IndexedField = {
  key: string;
  field: Field;
  section: Section;
  /** The repeatable group this field sits in, or null for a top-level field. */
  group: GroupField | null;
  /** Position in reading order (0-based, across all sections). */
  order: number;
};

export type IndexedSection = {
  key: string;
  section: Section;
  /** Reading-order position of the section's first field; conditions of the section may only look before it. */
  order: number;
};

export type FieldIndex = {
  fields: IndexedField[];
  sections: IndexedSection[];
  /** First occurrence of each key (duplicates are a definition error, see validateDefinition). */
  byKey: Map<string, IndexedField>;
  sectionByKey: Map<string, IndexedSection>;
};

const cache = new WeakMap<TemplateDefinition, FieldIndex>();

/** Every section and field of a definition in reading order. Cached per definition object. */
export function indexDefinition(definition: TemplateDefinition): FieldIndex {
  const cached = cache.get(definition);
  if (cached) return cached;
  const fields: IndexedField[] = [];
  const sections: IndexedSection[] = [];
  const byKey = new Map<string, IndexedField>();
  const sectionByKey = new Map<string, IndexedSection>();
  const add = (entry: IndexedField) => {
    fields.push(entry);
    if (!byKey.has(entry.key)) byKey.set(entry.key, entry);
  };
  for (const section of definition.sections) {
    const indexed = { key: section.key, section, order: fields.length };
    sections.push(indexed);
    if (!sectionByKey.has(section.key)) sectionByKey.set(section.key, indexed);
    for (const field of section.fields) {
      add({ key: field.key, field, section, group: null, order: fields.length });
      if (field.type === 'group') {
        for (const child of field.fields)
          add({ key: child.key, field: child, section, group: field, order: fields.length });
      }
    }
  }
  const index = { fields, sections, byKey, sectionByKey };
  cache.set(definition, index);
  return index;
}

/** The fields a visibility rule reads. */
export function conditionFields(visibility: Visibility | null): string[] {
  return visibility ? visibility.conditions.map((c) => c.field) : [];
}

/** A field that takes an answer (instructions are read, not answered). */
export function isAnswerable(field: Field | LeafField): boolean {
  return field.type !== 'instructions';
}
