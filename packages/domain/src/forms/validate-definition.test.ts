import { describe, expect, it } from 'vitest';
import type { TemplateDefinitionInput } from './definition.ts';
import { boiler, def } from './test-fixtures.ts';
import { parseDefinition, validateDefinition } from './validate-definition.ts';

const messages = (input: TemplateDefinitionInput, requiredFields: string[] = []) =>
  validateDefinition(def(input), { requiredFields }).map((i) => `${i.path} | ${i.message}`);

const section = (key: string, fields: TemplateDefinitionInput['sections'][number]['fields'], extra: object = {}) => ({
  key,
  title: key.toUpperCase(),
  fields,
  ...extra,
});

describe('validateDefinition', () => {
  it('accepts the boiler service form', () => {
    expect(validateDefinition(boiler())).toEqual([]);
  });

  it('refuses a key used twice, naming both uses, across sections and group children', () => {
    expect(
      messages({
        sections: [
          section('a', [{ key: 'make', label: 'Make', type: 'shortText' }]),
          section('b', [
            {
              key: 'rads',
              label: 'Rads',
              type: 'group',
              fields: [{ key: 'make', label: 'Rad make', type: 'shortText' }],
            },
          ]),
          section('a', [{ key: 'x', label: 'X', type: 'shortText' }]),
        ],
      }),
    ).toEqual([
      'sections.1.fields.0.fields.0.key | Key "make" is used twice: by field "Make" in section "A" and by field "Rad make" in group "Rads". Every section and field needs its own key.',
      'sections.2.key | Key "a" is used twice: by section "A" and by section "A". Every section and field needs its own key.',
    ]);
  });

  it('refuses a condition on a field that does not exist, or on a section', () => {
    expect(
      messages({
        sections: [
          section('a', [
            { key: 'q', label: 'Q', type: 'yesNo' },
            {
              key: 'r',
              label: 'R',
              type: 'shortText',
              visibleWhen: { match: 'all', conditions: [{ field: 'nope', op: 'answered' }] },
            },
            {
              key: 's',
              label: 'S',
              type: 'shortText',
              visibleWhen: { match: 'all', conditions: [{ field: 'a', op: 'answered' }] },
            },
          ]),
        ],
      }),
    ).toEqual([
      'sections.0.fields.1.visibleWhen.conditions.0.field | Field "R" (r) has a condition on "nope", which is not a field of this template.',
      'sections.0.fields.2.visibleWhen.conditions.0.field | Field "S" (s) has a condition on "a", which is a section, not a field.',
    ]);
  });

  it('refuses a condition on a later field, and names a cycle', () => {
    expect(
      messages({
        sections: [
          section('a', [
            {
              key: 'first',
              label: 'First',
              type: 'yesNo',
              visibleWhen: { match: 'all', conditions: [{ field: 'second', op: 'equals', value: true }] },
            },
            {
              key: 'second',
              label: 'Second',
              type: 'yesNo',
              visibleWhen: { match: 'all', conditions: [{ field: 'first', op: 'equals', value: true }] },
            },
            {
              key: 'third',
              label: 'Third',
              type: 'yesNo',
              visibleWhen: { match: 'all', conditions: [{ field: 'fourth', op: 'answered' }] },
            },
            { key: 'fourth', label: 'Fourth', type: 'yesNo' },
          ]),
        ],
      }),
    ).toEqual([
      'sections.0.fields.0.visibleWhen.conditions.0.field | Field "First" (first) and "Second" (second) depend on each other (first → second → first): a condition may only depend on a field above it.',
      'sections.0.fields.2.visibleWhen.conditions.0.field | Field "Third" (third) has a condition on "Fourth" (fourth), which comes later in the form: a condition may only depend on a field above it.',
    ]);
  });

  it('refuses a section that depends on its own field or a later one', () => {
    expect(
      messages({
        sections: [
          section('a', [{ key: 'q', label: 'Q', type: 'yesNo' }], {
            visibleWhen: { match: 'all', conditions: [{ field: 'q', op: 'equals', value: true }] },
          }),
          section('b', [{ key: 'r', label: 'R', type: 'yesNo' }], {
            visibleWhen: { match: 'all', conditions: [{ field: 's', op: 'answered' }] },
          }),
          section('c', [{ key: 's', label: 'S', type: 'yesNo' }]),
        ],
      }),
    ).toEqual([
      'sections.0.visibleWhen.conditions.0.field | Section "A" and "Q" (q) depend on each other (a → q → a): a condition may only depend on a field above it.',
      'sections.1.visibleWhen.conditions.0.field | Section "B" has a condition on "S" (s), which is in a later section: a section may only depend on fields above it.',
    ]);
  });

  it('refuses a condition from outside a group on a field inside it', () => {
    expect(
      messages({
        sections: [
          section('a', [
            { key: 'rads', label: 'Rads', type: 'group', fields: [{ key: 'ok', label: 'OK', type: 'yesNo' }] },
            {
              key: 'why',
              label: 'Why',
              type: 'shortText',
              visibleWhen: { match: 'all', conditions: [{ field: 'ok', op: 'equals', value: false }] },
            },
          ]),
        ],
      }),
    ).toEqual([
      'sections.0.fields.1.visibleWhen.conditions.0.field | Field "Why" (why) has a condition on "OK" (ok), which is inside the repeatable group "Rads"; only fields of that group can depend on it.',
    ]);
  });

  it('refuses operators and values that do not fit the field', () => {
    expect(
      messages({
        sections: [
          section('a', [
            { key: 'ok', label: 'OK', type: 'yesNo' },
            { key: 'colour', label: 'Colour', type: 'singleChoice', choices: [{ value: 'red', label: 'Red' }] },
            { key: 'n', label: 'N', type: 'number' },
            {
              key: 'a1',
              label: 'A1',
              type: 'shortText',
              visibleWhen: { match: 'all', conditions: [{ field: 'ok', op: 'greaterThan', value: 1 }] },
            },
            {
              key: 'a2',
              label: 'A2',
              type: 'shortText',
              visibleWhen: { match: 'all', conditions: [{ field: 'colour', op: 'equals', value: 'blue' }] },
            },
            {
              key: 'a3',
              label: 'A3',
              type: 'shortText',
              visibleWhen: { match: 'all', conditions: [{ field: 'n', op: 'lessThan', value: 'ten' }] },
            },
            {
              key: 'a4',
              label: 'A4',
              type: 'shortText',
              visibleWhen: { match: 'all', conditions: [{ field: 'colour', op: 'in', value: ['red', 'green'] }] },
            },
          ]),
        ],
      }),
    ).toEqual([
      'sections.0.fields.3.visibleWhen.conditions.0.op | Field "A1" (a1): "greaterThan" does not apply to "OK" (ok), a yes/no field; use equals, notEquals, answered, unanswered.',
      'sections.0.fields.4.visibleWhen.conditions.0.value | Field "A2" (a2): the condition on "Colour" (colour) "blue" is not among the choices of "colour" (red).',
      'sections.0.fields.5.visibleWhen.conditions.0.value | Field "A3" (a3): the condition on "N" (n) needs a number to compare with.',
      'sections.0.fields.6.visibleWhen.conditions.0.value | Field "A4" (a4): the condition on "Colour" (colour) "green" is not among the choices of "colour" (red).',
    ]);
  });

  it('refuses bad ranges, duplicate choices, impossible entry counts, invalid defaults and required instructions', () => {
    expect(
      messages({
        sections: [
          section('a', [
            { key: 'n', label: 'N', type: 'number', min: 10, max: 5 },
            {
              key: 'c',
              label: 'C',
              type: 'singleChoice',
              choices: [
                { value: 'x', label: 'X' },
                { value: 'x', label: 'Y' },
              ],
              default: 'z',
            },
            {
              key: 'g',
              label: 'G',
              type: 'group',
              minEntries: 5,
              maxEntries: 2,
              fields: [{ key: 'gx', label: 'GX', type: 'shortText' }],
            },
            { key: 'i', label: 'I', type: 'instructions', required: true },
            { key: 'm', label: 'M', type: 'number', max: 3, default: 4 },
          ]),
        ],
      }),
    ).toEqual([
      'sections.0.fields.0.min | Field "N" (n): the minimum 10 is above the maximum 5.',
      'sections.0.fields.1.choices.1.value | Field "C" (c): the choice "x" is listed twice.',
      'sections.0.fields.1.default | Field "C" (c): the default "z" must be one of: x, x.',
      'sections.0.fields.2.minEntries | Field "G" (g): at least 5 entries but at most 2 cannot both hold.',
      'sections.0.fields.3.required | Field "I" (i) is an instructions block; it takes no answer and cannot be required.',
      'sections.0.fields.4.default | Field "M" (m): the default 4 must be at most 3.',
    ]);
  });

  describe('hidden-required deadlock', () => {
    it('refuses a required field behind a choice value that does not exist', () => {
      expect(
        messages({
          sections: [
            section('a', [
              { key: 'fuel', label: 'Fuel', type: 'singleChoice', choices: [{ value: 'gas', label: 'Gas' }] },
              {
                key: 'tank',
                label: 'Tank',
                type: 'yesNo',
                required: true,
                visibleWhen: { match: 'all', conditions: [{ field: 'fuel', op: 'equals', value: 'oil' }] },
              },
            ]),
          ],
        }),
      ).toEqual([
        'sections.0.fields.1.visibleWhen.conditions.0.value | Field "Tank" (tank): the condition on "Fuel" (fuel) "oil" is not among the choices of "fuel" (gas).',
        'sections.0.fields.1.required | Required field "Tank" (tank) can never be shown, so it could never be filled in: the condition "fuel equals "oil"" can never hold ("fuel" only offers gas).',
      ]);
    });

    it('refuses a required field that depends on an instructions block', () => {
      const issues = messages({
        sections: [
          section('a', [
            { key: 'read', label: 'Read', type: 'instructions' },
            {
              key: 'ack',
              label: 'Ack',
              type: 'yesNo',
              required: true,
              visibleWhen: { match: 'all', conditions: [{ field: 'read', op: 'answered' }] },
            },
          ]),
        ],
      });
      expect(issues).toContain(
        'sections.0.fields.1.required | Required field "Ack" (ack) can never be shown, so it could never be filled in: the condition "read is answered" can never hold ("read" is an instructions block and is never answered).',
      );
    });

    it('refuses a required field behind a number outside the field range, through a chain, and in a hidden section', () => {
      expect(
        messages({
          sections: [
            section('a', [
              { key: 'co', label: 'CO', type: 'number', min: 0, max: 100 },
              {
                key: 'high',
                label: 'High CO action',
                type: 'shortText',
                visibleWhen: { match: 'all', conditions: [{ field: 'co', op: 'greaterThan', value: 100 }] },
              },
              {
                key: 'photo',
                label: 'Photo of action',
                type: 'photos',
                required: true,
                visibleWhen: { match: 'all', conditions: [{ field: 'high', op: 'answered' }] },
              },
            ]),
            section('b', [{ key: 'later', label: 'Later', type: 'yesNo', required: true }], {
              visibleWhen: { match: 'all', conditions: [{ field: 'high', op: 'answered' }] },
            }),
          ],
        }),
      ).toEqual([
        'sections.0.fields.2.required | Required field "Photo of action" (photo) can never be shown, so it could never be filled in: it depends on "High CO action" (high), which is never shown because the condition "co is greater than 100" can never hold ("co" only accepts 0 to 100, whole numbers).',
        'sections.1.fields.0.required | Required field "Later" (later) can never be shown, so it could never be filled in: its section "B" is never shown (it depends on "High CO action" (high), which is never shown because the condition "co is greater than 100" can never hold ("co" only accepts 0 to 100, whole numbers)).',
      ]);
    });

    it('refuses conditions that can never hold together', () => {
      expect(
        messages({
          sections: [
            section('a', [
              { key: 'ok', label: 'OK', type: 'yesNo' },
              {
                key: 'x',
                label: 'X',
                type: 'shortText',
                required: true,
                visibleWhen: {
                  match: 'all',
                  conditions: [
                    { field: 'ok', op: 'equals', value: true },
                    { field: 'ok', op: 'equals', value: false },
                  ],
                },
              },
            ]),
          ],
        }),
      ).toEqual([
        'sections.0.fields.1.required | Required field "X" (x) can never be shown, so it could never be filled in: its conditions can never hold together.',
      ]);
    });

    it('checks fields the job type requires, and says which list they come from', () => {
      const input: TemplateDefinitionInput = {
        sections: [
          section('a', [
            { key: 'n', label: 'N', type: 'number', min: 0, max: 10 },
            {
              key: 'x',
              label: 'X',
              type: 'shortText',
              visibleWhen: { match: 'all', conditions: [{ field: 'n', op: 'lessThan', value: 0 }] },
            },
          ]),
        ],
      };
      expect(messages(input)).toEqual([]);
      expect(messages(input, ['x', 'gone'])).toEqual([
        'requiredFields | The job type requires "gone", which is not a field of this template.',
        'sections.0.fields.1.required | Field (required by the job type) "X" (x) can never be shown, so it could never be filled in: the condition "n is less than 0" can never hold ("n" only accepts 0 to 10, whole numbers).',
      ]);
    });

    it('accepts a required field that "any" can reveal, and one behind "unanswered"', () => {
      expect(
        messages({
          sections: [
            section('a', [
              { key: 'c', label: 'C', type: 'singleChoice', choices: [{ value: 'a', label: 'A' }] },
              {
                key: 'x',
                label: 'X',
                type: 'shortText',
                required: true,
                visibleWhen: { match: 'any', conditions: [{ field: 'c', op: 'equals', value: 'a' }] },
              },
              {
                key: 'y',
                label: 'Y',
                type: 'shortText',
                required: true,
                visibleWhen: { match: 'all', conditions: [{ field: 'c', op: 'unanswered' }] },
              },
            ]),
          ],
        }),
      ).toEqual([]);
    });
  });

  it('parseDefinition reports shape errors with their paths', () => {
    const result = parseDefinition({ sections: [{ key: 'A', title: '', fields: [] }] });
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'sections.0.key: must start with a letter and use only a-z, 0-9 and _',
      'sections.0.title: is required',
    ]);
  });
});

describe('validating a large, tangled template', () => {
  // A hang guard, not a speed check: this took minutes (every save and read of the template
  // blocking the API process) before the searches shared their results and a work budget.
  it('finishes, and still names the required fields that can never be shown', { timeout: 30_000 }, () => {
    const fields = Array.from({ length: 300 }, (_, i) => ({
      key: `f${i}`,
      label: `Check ${i}`,
      type: 'yesNo' as const,
      required: true,
      // Shown when the one above is yes and, from the third on, the one before that is no: only
      // f1 can ever show (f2 needs f1 shown, so f0 yes, and f0 no at once).
      ...(i > 0 && {
        visibleWhen: {
          match: 'all' as const,
          conditions: Array.from({ length: Math.min(i, 8) }, (_, k) => ({
            field: `f${i - 1 - k}`,
            op: 'equals' as const,
            value: k % 2 === 0,
          })),
        },
      }),
    }));
    const parsed = parseDefinition({ sections: [{ key: 's', title: 'S', fields }] });
    expect(parsed.ok).toBe(true);
    const paths = parsed.issues.map((i) => i.path);
    expect(paths).not.toContain('sections.0.fields.1.required');
    expect(paths).toContain('sections.0.fields.2.required');
    expect(paths).toContain('sections.0.fields.3.required');
  });
});
