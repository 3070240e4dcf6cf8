import {
  isAnswered,
  type AnswerValue,
  type Answers,
  type Field,
  type GroupEntry,
  type GroupField,
  type LeafField,
  type LeafValue,
  type Section,
  type TemplateDefinition,
} from '@lastmile/domain';

export type { AnswerValue, Answers, GroupEntry, LeafValue };

/** Who answered a field and when it was captured on the device; `conflictBy` names the person whose value was overwritten. */
export type AnswerMeta = {
  /** The person's name, or words saying this device does not hold them (answer-metas.ts). */
  byName: string;
  capturedAt: string;
  conflictBy: string | null;
  /** Set for people who review answers (lead, office) when earlier values exist. */
  review: { responseId: string; historyCount: number; conflict: boolean } | null;
};
export type AnswerMetas = Readonly<Record<string, AnswerMeta | undefined>>;

export { isAnswered };

/** Fields that take an answer (instructions are read, not answered). */
export function isAnswerable(field: Field | LeafField): boolean {
  return field.type !== 'instructions';
}

export type SectionProgress = { answered: number; visible: number };

/** What counting needs from the form: what shows (top level and per group entry) and what is required. */
export type ProgressRules = {
  isVisible: (key: string) => boolean;
  isChildVisible: (groupKey: string, entry: number, childKey: string) => boolean;
  /** Required by the template or by the job type. */
  isRequired: (field: Field | LeafField) => boolean;
};

/**
 * Whether a field counts as done. A repeatable group is done only with enough entries and every
 * shown, required child of every entry answered: one started entry is not a finished group.
 */
export function isFieldComplete(field: Field, value: AnswerValue | null | undefined, rules: ProgressRules): boolean {
  if (!isAnswered(value)) return false;
  if (field.type !== 'group') return true;
  if (!Array.isArray(value) || value.length < Math.max(1, field.minEntries)) return false;
  return (value as (GroupEntry | null)[]).every((entry, i) =>
    field.fields.every(
      (child) =>
        !isAnswerable(child) ||
        !rules.isChildVisible(field.key, i, child.key) ||
        !rules.isRequired(child) ||
        isAnswered(entry?.[child.key]),
    ),
  );
}

/** Done / visible answerable fields of one section, counting only what the person can see. */
export function sectionProgress(section: Section, rules: ProgressRules, answers: Answers): SectionProgress {
  let answered = 0;
  let visible = 0;
  for (const field of section.fields) {
    if (!isAnswerable(field) || !rules.isVisible(field.key)) continue;
    visible++;
    if (isFieldComplete(field, answers[field.key], rules)) answered++;
  }
  return { answered, visible };
}

/** Every field of a definition by key, with the section it sits in (groups count as one field). */
export function fieldIndex(definition: TemplateDefinition): Map<string, { field: Field; section: Section }> {
  const index = new Map<string, { field: Field; section: Section }>();
  for (const section of definition.sections) {
    for (const field of section.fields) index.set(field.key, { field, section });
  }
  return index;
}

/** The value a new group entry starts with: each child's default, if any. */
export function newGroupEntry(group: GroupField): GroupEntry {
  const entry: GroupEntry = {};
  for (const child of group.fields) {
    if ('default' in child && child.default !== undefined) entry[child.key] = child.default;
  }
  return entry;
}

/** The DOM id of a field's first control: submit problems link to it, the builder's errors too. */
export function fieldDomId(key: string, prefix = 'f'): string {
  return `${prefix}-${key}`;
}

/** The DOM id of a group child's control in one entry (0-based), so a problem can link to it. */
export function entryFieldDomId(groupKey: string, entry: number, childKey: string, prefix = 'f'): string {
  return `${fieldDomId(groupKey, prefix)}-${entry}-${childKey}`;
}
