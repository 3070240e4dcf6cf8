import { answerProblem, type AnswerValue, type Answers, type GroupEntry } from './answers.ts';
import type { Field, TemplateDefinition } from './definition.ts';
import { indexDefinition } from './field-index.ts';

export type TypeChange = { key: string; from: Field['type']; to: Field['type'] };

export type MigrationResult = {
  /** The answers that carry over, by key (group children by `group.child` when a child was dropped). */
  answers: Record<string, AnswerValue>;
  /** Keys whose answer did not carry over: the field is gone, changed type, or the value no longer fits (`group.child` for group children). */
  dropped: string[];
  /** Answerable top-level fields of the new version that the old one did not have. */
  added: string[];
  /** Fields that exist in both versions with a different type (their answers are in `dropped`). */
  changedType: TypeChange[];
};

/**
 * Moves a draft's answers from one template version to another by field key: an answer carries
 * over when the key still exists with the same type and the value is still valid there (a
 * removed choice, a narrower range or fewer decimals drop it). Same definition → same answers.
 */
export function migrateAnswers(
  fromDef: TemplateDefinition,
  toDef: TemplateDefinition,
  answers: Answers,
): MigrationResult {
  const from = indexDefinition(fromDef);
  const to = indexDefinition(toDef);
  const out: Record<string, AnswerValue> = {};
  const dropped: string[] = [];
  const changedType: TypeChange[] = [];
  for (const [key, value] of Object.entries(answers)) {
    if (value === null || value === undefined) continue;
    const target = to.byKey.get(key);
    const source = from.byKey.get(key);
    if (!target || target.group) {
      dropped.push(key);
      continue;
    }
    if (source && source.field.type !== target.field.type) {
      changedType.push({ key, from: source.field.type, to: target.field.type });
      dropped.push(key);
      continue;
    }
    const field = target.field;
    if (field.type !== 'group') {
      if (answerProblem(field, value) === null) out[key] = value;
      else dropped.push(key);
      continue;
    }
    if (!Array.isArray(value)) {
      dropped.push(key);
      continue;
    }
    const children = new Map(field.fields.map((c) => [c.key, c]));
    const sourceChildren = new Map(source?.field.type === 'group' ? source.field.fields.map((c) => [c.key, c]) : []);
    const droppedChildren = new Set<string>();
    const entries = (value as GroupEntry[]).slice(0, field.maxEntries).map((entry) => {
      const kept: GroupEntry = {};
      for (const [childKey, childValue] of Object.entries(entry ?? {})) {
        if (childValue === null || childValue === undefined) {
          if (children.has(childKey)) kept[childKey] = null;
          continue;
        }
        const child = children.get(childKey);
        const before = sourceChildren.get(childKey);
        if (child && before && before.type !== child.type) {
          if (!changedType.some((c) => c.key === childKey))
            changedType.push({ key: childKey, from: before.type, to: child.type });
        }
        if (child && (!before || before.type === child.type) && answerProblem(child, childValue) === null)
          kept[childKey] = childValue;
        else droppedChildren.add(`${key}.${childKey}`);
      }
      return kept;
    });
    if ((value as GroupEntry[]).length > field.maxEntries) droppedChildren.add(key);
    dropped.push(...droppedChildren);
    out[key] = entries;
  }
  const added: string[] = [];
  for (const entry of to.fields) {
    if (entry.group || entry.field.type === 'instructions') continue;
    if (!from.byKey.has(entry.key)) added.push(entry.key);
  }
  return { answers: out, dropped, added, changedType };
}
