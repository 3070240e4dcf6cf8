import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerProblem, type AnswerValue, type Answers } from './answers.ts';
import { operatorsFor } from './conditions.ts';
import type { Condition, Field, LeafField, TemplateDefinition, Visibility } from './definition.ts';
import { indexDefinition, isAnswerable } from './field-index.ts';
import { migrateAnswers } from './migrate-answers.ts';
import { candidateValues, findRevealingAnswers } from './reachability.ts';
import { def } from './test-fixtures.ts';
import { validateDefinition } from './validate-definition.ts';
import { validateSubmission } from './validate-submission.ts';
import { entryFieldKey, evaluateVisibility } from './visibility.ts';

/*
 * Random templates are built from "specs": plain numbers that pick a type, which earlier field a
 * condition reads, its operator and its value. Most specs give sound definitions; some pick
 * values outside the field's choices or range, so deadlocks and refusals are generated too.
 */
const LEAF_TYPES = [
  'shortText',
  'number',
  'passFail',
  'yesNo',
  'singleChoice',
  'multipleChoice',
  'date',
  'time',
  'photos',
  'instructions',
] as const;

const conditionSpec = fc.record({ target: fc.nat(), op: fc.nat(), value: fc.nat(), wild: fc.boolean() });
const visibilitySpec = fc.option(
  fc.record({ any: fc.boolean(), conditions: fc.array(conditionSpec, { minLength: 1, maxLength: 2 }) }),
  { freq: 2 },
);
const leafSpec = fc.record({
  type: fc.constantFrom(...LEAF_TYPES),
  required: fc.boolean(),
  visibility: visibilitySpec,
  range: fc.nat({ max: 3 }),
});
const fieldSpec = fc.oneof(
  { weight: 5, arbitrary: leafSpec.map((leaf) => ({ ...leaf, children: null as null | (typeof leaf)[] })) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('group' as const),
      required: fc.boolean(),
      visibility: visibilitySpec,
      range: fc.nat({ max: 3 }),
      children: fc.array(leafSpec, { minLength: 1, maxLength: 3 }),
    }),
  },
);
const templateSpec = fc.array(
  fc.record({ visibility: visibilitySpec, fields: fc.array(fieldSpec, { minLength: 1, maxLength: 4 }) }),
  { minLength: 1, maxLength: 3 },
);

const CHOICES = ['a', 'b', 'c'];

function leaf(type: (typeof LEAF_TYPES)[number], key: string, required: boolean, range: number): LeafField {
  const base = {
    key,
    label: key.toUpperCase(),
    help: '',
    required: type === 'instructions' ? false : required,
    visibleWhen: null,
  };
  switch (type) {
    case 'number':
      return {
        ...base,
        type,
        unit: 'bar',
        min: range === 0 ? null : 0,
        max: range === 0 ? null : 10 * range,
        decimals: range % 2,
      };
    case 'singleChoice':
    case 'multipleChoice':
      return {
        ...base,
        type,
        choices: CHOICES.slice(0, 2 + (range % 2)).map((value) => ({ value, label: value.toUpperCase() })),
      };
    case 'photos':
      return { ...base, type, maxPhotos: 3 };
    default:
      return { ...base, type };
  }
}

function conditionValue(target: Field, op: Condition['op'], pick: number, wild: boolean): Condition['value'] {
  if (op === 'answered' || op === 'unanswered') return undefined;
  const pool: unknown[] = wild
    ? ['zzz', 99_999, -5, '1999-01-01', '23:59']
    : target.type === 'number'
      ? [0, 1, 5, 9.5, 20]
      : target.type === 'date'
        ? ['2026-01-15', '2026-03-01']
        : target.type === 'time'
          ? ['08:00', '12:00', '17:30']
          : target.type === 'yesNo'
            ? [true, false]
            : target.type === 'passFail'
              ? ['pass', 'fail', 'na']
              : CHOICES.concat(['answer']);
  if (op === 'in') return [String(pool[pick % pool.length]), String(pool[(pick + 1) % pool.length])];
  const value = pool[pick % pool.length];
  if (target.type === 'yesNo' && !wild) return value as boolean;
  return value as string | number;
}

type VisibilitySpec = {
  any: boolean;
  conditions: { target: number; op: number; value: number; wild: boolean }[];
} | null;
type LeafSpec = { type: (typeof LEAF_TYPES)[number]; required: boolean; visibility: VisibilitySpec; range: number };
type FieldSpec = {
  type: (typeof LEAF_TYPES)[number] | 'group';
  required: boolean;
  visibility: VisibilitySpec;
  range: number;
  children: LeafSpec[] | null;
};
type TemplateSpec = { visibility: VisibilitySpec; fields: FieldSpec[] }[];

function visibility(spec: VisibilitySpec, earlier: Field[]): Visibility | null {
  if (!spec || earlier.length === 0) return null;
  return {
    match: spec.any ? 'any' : 'all',
    conditions: spec.conditions.map((c) => {
      const target = earlier[c.target % earlier.length] as Field;
      const ops = operatorsFor(target);
      const op = ops.length ? (ops[c.op % ops.length] as Condition['op']) : 'answered';
      const value = conditionValue(target, op, c.value, c.wild);
      return value === undefined ? { field: target.key, op } : { field: target.key, op, value };
    }),
  };
}

function buildTemplate(spec: TemplateSpec): TemplateDefinition {
  let n = 0;
  const earlier: Field[] = [];
  const sections = spec.map((s, si) => {
    const sectionVisibility = visibility(s.visibility, earlier);
    const fields = s.fields.map((f) => {
      const key = `f${n++}`;
      const vis = visibility(f.visibility, earlier);
      let field: Field;
      if (f.type === 'group') {
        const siblings: Field[] = [];
        const children = (f.children ?? []).map((c) => {
          const child = {
            ...leaf(c.type, `f${n++}`, c.required, c.range),
            visibleWhen: visibility(c.visibility, [...earlier, ...siblings]),
          };
          siblings.push(child);
          return child;
        });
        field = {
          key,
          label: key.toUpperCase(),
          help: '',
          required: f.required,
          visibleWhen: vis,
          type: 'group',
          fields: children,
          minEntries: 0,
          maxEntries: 3,
        };
      } else {
        field = { ...leaf(f.type, key, f.required, f.range), visibleWhen: vis };
      }
      earlier.push(field);
      return field;
    });
    return { key: `s${si}`, title: `Section ${si}`, visibleWhen: sectionVisibility, fields };
  });
  return def({ sections });
}

/** Valid answers for a definition: each answerable field unanswered or one of its representative values. */
function answersFor(definition: TemplateDefinition): fc.Arbitrary<Answers> {
  const index = indexDefinition(definition);
  const conditions = index.fields
    .flatMap((f) => f.field.visibleWhen?.conditions ?? [])
    .concat(index.sections.flatMap((s) => s.section.visibleWhen?.conditions ?? []));
  const valuesFor = (field: Field): AnswerValue[] =>
    candidateValues(
      field,
      conditions.filter((c) => c.field === field.key),
    );
  const record: Record<string, fc.Arbitrary<AnswerValue | null | undefined>> = {};
  for (const entry of index.fields) {
    if (entry.group || !isAnswerable(entry.field)) continue;
    const field = entry.field;
    if (field.type === 'group') {
      const entryArb = fc.record(
        Object.fromEntries(
          field.fields
            .filter(isAnswerable)
            .map((c) => [c.key, fc.constantFrom<AnswerValue | null>(null, ...valuesFor(c))]),
        ),
      ) as fc.Arbitrary<Record<string, never>>;
      record[field.key] = fc.option(fc.array(entryArb, { maxLength: 3 }), { nil: undefined });
    } else {
      const values = valuesFor(field);
      record[field.key] = values.length
        ? fc.option(fc.constantFrom(...values), { nil: undefined })
        : fc.constant(undefined);
    }
  }
  return fc
    .record(record)
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Answers);
}

const templateWithAnswers = templateSpec
  .map(buildTemplate)
  .chain((definition) => fc.tuple(fc.constant(definition), answersFor(definition), fc.nat()));

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed + 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('forms properties', () => {
  it('visibility is deterministic and does not depend on the order answers are listed in', () => {
    fc.assert(
      fc.property(templateWithAnswers, ([definition, answers, seed]) => {
        const once = evaluateVisibility(definition, answers);
        const again = evaluateVisibility(definition, Object.fromEntries(shuffled(Object.entries(answers), seed)));
        expect([...again].sort()).toEqual([...once].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('a hidden field or section never appears among the submission problems', () => {
    fc.assert(
      fc.property(templateWithAnswers, ([definition, answers]) => {
        const visible = evaluateVisibility(definition, answers);
        for (const problem of validateSubmission(definition, answers, { requiredFields: [] })) {
          expect(visible.has(problem.sectionKey)).toBe(true);
          expect(visible.has(problem.fieldKey)).toBe(true);
          if (problem.childKey !== undefined && problem.entry !== undefined)
            expect(visible.has(entryFieldKey(problem.fieldKey, problem.entry, problem.childKey))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('when a definition passes validation, every required field can be revealed by valid answers', () => {
    let checked = 0;
    fc.assert(
      fc.property(templateSpec.map(buildTemplate), (definition) => {
        if (validateDefinition(definition).length > 0) return;
        for (const entry of indexDefinition(definition).fields) {
          if (!entry.field.required) continue;
          const found = findRevealingAnswers(definition, entry.key);
          expect(found.status).toBe('reachable');
          if (found.status !== 'reachable') return;
          const target = entry.group ? entryFieldKey(entry.group.key, 0, entry.key) : entry.key;
          expect(evaluateVisibility(definition, found.answers).has(target)).toBe(true);
          for (const [key, value] of Object.entries(found.answers)) {
            const field = indexDefinition(definition).byKey.get(key)?.field as Field;
            expect(answerProblem(field, value)).toBeNull();
          }
          checked++;
        }
      }),
      { numRuns: 400 },
    );
    expect(checked).toBeGreaterThan(50);
  }, 60_000);

  it('when validation reports a hidden-required deadlock, no answers reveal that field', () => {
    let deadlocks = 0;
    fc.assert(
      fc.property(templateWithAnswers, ([definition, answers]) => {
        const stuck = validateDefinition(definition).filter(
          (i) => i.path.endsWith('.required') && i.message.includes('can never be shown'),
        );
        const visible = evaluateVisibility(definition, answers);
        for (const issue of stuck) {
          deadlocks++;
          const entry = indexDefinition(definition).byKey.get(issue.key ?? '');
          expect(entry).toBeDefined();
          if (!entry) continue;
          const keys = entry.group
            ? [0, 1, 2].map((i) => entryFieldKey(entry.group?.key ?? '', i, entry.key))
            : [entry.key];
          for (const key of keys) expect(visible.has(key)).toBe(false);
        }
      }),
      { numRuns: 800 },
    );
    expect(deadlocks).toBeGreaterThan(0);
  }, 60_000);

  it('migrating answers to the same definition keeps them all', () => {
    fc.assert(
      fc.property(templateWithAnswers, ([definition, answers]) => {
        const result = migrateAnswers(definition, definition, answers);
        expect(result.answers).toEqual(answers);
        expect(result.dropped).toEqual([]);
        expect(result.added).toEqual([]);
        expect(result.changedType).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
