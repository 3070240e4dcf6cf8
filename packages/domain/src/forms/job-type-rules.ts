import { z } from 'zod';
import { idSchema } from '../ids.ts';
import { fieldKeySchema, type TemplateDefinition } from './definition.ts';
import { indexDefinition, isAnswerable } from './field-index.ts';
import { validateDefinition, type DefinitionIssue } from './validate-definition.ts';

export const MAX_FORM_KEY_FIELDS = 3;

const uniqueKeys = (list: string[]) => new Set(list).size === list.length;

/**
 * The rules an editor opened, sent back with a save (`base`): the save is refused if someone else
 * changed them since (services/form-templates.ts). As stored, so only shapes are checked.
 */
export const jobTypeRulesBaseSchema = z.object({
  templateId: idSchema.nullable(),
  keyFields: z.array(fieldKeySchema).max(500),
  requiredFields: z.array(fieldKeySchema).max(500),
});
export type JobTypeRulesBase = z.infer<typeof jobTypeRulesBaseSchema>;

/**
 * A job type's form: its template, the 1–3 key fields shown first and big (R2), and the fields it
 * requires. `templateId: null` takes the form off the job type (then both lists are empty).
 * `base`: the rules the editor opened (optional; without it the save is last-write-wins).
 */
export const jobTypeFormRulesSchema = z
  .object({
    templateId: idSchema.nullable(),
    keyFields: z
      .array(fieldKeySchema)
      .max(MAX_FORM_KEY_FIELDS, { message: `at most ${MAX_FORM_KEY_FIELDS} key fields` })
      .refine(uniqueKeys, { message: 'lists a field twice' }),
    requiredFields: z.array(fieldKeySchema).max(500).refine(uniqueKeys, { message: 'lists a field twice' }),
    base: jobTypeRulesBaseSchema.optional(),
  })
  .superRefine((rules, ctx) => {
    if (rules.templateId !== null && rules.keyFields.length === 0)
      ctx.addIssue({ code: 'custom', path: ['keyFields'], message: 'choose at least one key field' });
    if (rules.templateId === null && (rules.keyFields.length > 0 || rules.requiredFields.length > 0)) {
      ctx.addIssue({ code: 'custom', path: ['templateId'], message: 'choose a template for these fields' });
    }
  });
export type JobTypeFormRulesInput = z.infer<typeof jobTypeFormRulesSchema>;

/** The same rules: the same template and the same fields in each list, in any order. */
export function sameJobTypeRules(a: JobTypeRulesBase, b: JobTypeRulesBase): boolean {
  const sameSet = (x: string[], y: string[]) => {
    const [sx, sy] = [new Set(x), new Set(y)];
    return sx.size === sy.size && [...sx].every((k) => sy.has(k));
  };
  return (
    a.templateId === b.templateId && sameSet(a.keyFields, b.keyFields) && sameSet(a.requiredFields, b.requiredFields)
  );
}

/**
 * Problems with a job type's rules against the template's latest definition: key fields must be
 * answerable top-level fields; required fields must exist and be able to show (validateDefinition
 * with the job type's list, so a required field hidden for good is refused here too).
 */
export function validateJobTypeRules(
  definition: TemplateDefinition,
  rules: Pick<JobTypeFormRulesInput, 'keyFields' | 'requiredFields'>,
): DefinitionIssue[] {
  const index = indexDefinition(definition);
  const issues: DefinitionIssue[] = [];
  rules.keyFields.forEach((key, i) => {
    const entry = index.byKey.get(key);
    if (!entry)
      issues.push({ path: `keyFields.${i}`, key, message: `Key field "${key}" is not a field of this template.` });
    else if (entry.group)
      issues.push({
        path: `keyFields.${i}`,
        key,
        message: `Key field "${entry.field.label}" is inside the group "${entry.group.label}"; choose a field outside a group.`,
      });
    else if (!isAnswerable(entry.field))
      issues.push({
        path: `keyFields.${i}`,
        key,
        message: `Key field "${entry.field.label}" is an instructions block and takes no answer.`,
      });
  });
  return [...issues, ...validateDefinition(definition, { requiredFields: rules.requiredFields })];
}
