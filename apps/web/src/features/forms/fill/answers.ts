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
  byName: string | null;
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

/** Answered / visible answerable fields of one section, counting only what the person can see. */
export function sectionProgress(
  section: Section,
  isVisible: (key: string) => boolean,
  answers: Answers,
): SectionProgress {
  let answered = 0;
  let visible = 0;
  for (const field of section.fields) {
    if (!isAnswerable(field) || !isVisible(field.key)) continue;
    visible++;
    if (isAnswered(answers[field.key])) answered++;
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
