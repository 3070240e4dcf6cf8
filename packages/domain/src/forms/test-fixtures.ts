import { templateDefinitionSchema, type TemplateDefinition, type TemplateDefinitionInput } from './definition.ts';

/** Parses a definition written in a test (defaults filled in). */
export function def(input: TemplateDefinitionInput): TemplateDefinition {
  return templateDefinitionSchema.parse(input);
}

/** A boiler service form: a radiator group, pass/fail checks, a flue gas reading, conditional follow-ups. */
export const boiler = (): TemplateDefinition =>
  def({
    sections: [
      {
        key: 'appliance',
        title: 'Appliance',
        fields: [
          { key: 'make', label: 'Make', type: 'shortText', required: true },
          {
            key: 'fuel',
            label: 'Fuel',
            type: 'singleChoice',
            choices: [
              { value: 'gas', label: 'Gas' },
              { value: 'oil', label: 'Oil' },
            ],
            required: true,
          },
          {
            key: 'co_ppm',
            label: 'Flue gas CO',
            type: 'number',
            unit: 'ppm',
            min: 0,
            max: 1000,
            decimals: 0,
            required: true,
          },
          {
            key: 'co_action',
            label: 'Action taken on high CO',
            type: 'longText',
            required: true,
            visibleWhen: { match: 'all', conditions: [{ field: 'co_ppm', op: 'greaterThan', value: 100 }] },
          },
          { key: 'flue_check', label: 'Flue integrity', type: 'passFail', required: true },
          {
            key: 'flue_photos',
            label: 'Photos of the flue',
            type: 'photos',
            visibleWhen: { match: 'any', conditions: [{ field: 'flue_check', op: 'equals', value: 'fail' }] },
            required: true,
          },
        ],
      },
      {
        key: 'oil',
        title: 'Oil tank',
        visibleWhen: { match: 'all', conditions: [{ field: 'fuel', op: 'equals', value: 'oil' }] },
        fields: [{ key: 'tank_ok', label: 'Tank bunded', type: 'yesNo', required: true }],
      },
      {
        key: 'radiators_section',
        title: 'Radiators',
        fields: [
          {
            key: 'radiators',
            label: 'Radiator',
            type: 'group',
            minEntries: 1,
            fields: [
              { key: 'room', label: 'Room', type: 'shortText', required: true },
              { key: 'rad_check', label: 'Heats evenly', type: 'passFail', required: true },
              {
                key: 'rad_note',
                label: 'What is wrong',
                type: 'shortText',
                required: true,
                visibleWhen: { match: 'all', conditions: [{ field: 'rad_check', op: 'equals', value: 'fail' }] },
              },
            ],
          },
        ],
      },
      {
        key: 'sign_off',
        title: 'Sign-off',
        fields: [
          { key: 'notice', label: 'Read this to the customer', type: 'instructions' },
          { key: 'signature', label: 'Customer signature', type: 'signature', required: true },
          { key: 'visit_date', label: 'Visit date', type: 'date' },
          { key: 'visit_time', label: 'Arrived', type: 'time' },
        ],
      },
    ],
  });
