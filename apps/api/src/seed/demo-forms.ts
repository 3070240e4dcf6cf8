import type { JobTypeRow, TemplateDefinitionInput } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { createTemplate, publishTemplate, setJobTypeFormRules } from '../services/form-templates.ts';

type DemoForm = { jobType: string; name: string; definition: TemplateDefinitionInput; requiredFields: string[] };

const when = (field: string, op: 'equals' | 'greaterThan' | 'in', value: string | number | boolean | string[]) => ({
  match: 'all' as const,
  conditions: [{ field, op, value }],
});
const choices = (...values: string[]) =>
  values.map((v) => ({ value: v.toLowerCase().replace(/[^a-z0-9]+/g, '_'), label: v }));

/** One realistic published template per demo job type; key fields match DEMO_JOB_TYPES. */
export const DEMO_FORMS: DemoForm[] = [
  {
    jobType: 'Boiler service',
    name: 'Boiler service record',
    requiredFields: ['model', 'next_service_date'],
    definition: {
      sections: [
        {
          key: 'appliance',
          title: 'Appliance',
          fields: [
            { key: 'make', label: 'Make', type: 'shortText', required: true },
            { key: 'model', label: 'Model', type: 'shortText' },
            {
              key: 'appliance_type',
              label: 'Boiler type',
              type: 'singleChoice',
              choices: choices('Combi', 'System', 'Regular'),
              required: true,
            },
            {
              key: 'gas_pressure_mbar',
              label: 'Working gas pressure',
              type: 'number',
              unit: 'mbar',
              min: 0,
              max: 50,
              decimals: 1,
              required: true,
              help: 'At the appliance inlet, burner on full',
            },
            {
              key: 'flue_co_ppm',
              label: 'Flue gas CO',
              type: 'number',
              unit: 'ppm',
              min: 0,
              max: 2000,
              decimals: 0,
              required: true,
            },
            { key: 'flue_co2_percent', label: 'Flue gas CO₂', type: 'number', unit: '%', min: 0, max: 20, decimals: 1 },
            {
              key: 'co_action',
              label: 'Action taken on high CO',
              type: 'longText',
              required: true,
              visibleWhen: when('flue_co_ppm', 'greaterThan', 350),
            },
            { key: 'appliance_safe', label: 'Appliance safe to use', type: 'passFail', required: true },
            {
              key: 'unsafe_category',
              label: 'Unsafe situation',
              type: 'singleChoice',
              choices: choices('At risk', 'Immediately dangerous'),
              required: true,
              visibleWhen: when('appliance_safe', 'equals', 'fail'),
            },
            {
              key: 'unsafe_photos',
              label: 'Photos of the defect',
              type: 'photos',
              maxPhotos: 6,
              required: true,
              visibleWhen: when('appliance_safe', 'equals', 'fail'),
            },
          ],
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
              maxEntries: 30,
              fields: [
                { key: 'room', label: 'Room', type: 'shortText', required: true },
                { key: 'heats_evenly', label: 'Heats evenly', type: 'passFail', required: true },
                {
                  key: 'radiator_issue',
                  label: 'What is wrong',
                  type: 'shortText',
                  required: true,
                  visibleWhen: when('heats_evenly', 'equals', 'fail'),
                },
                { key: 'trv_fitted', label: 'TRV fitted', type: 'yesNo' },
              ],
            },
          ],
        },
        {
          key: 'flue',
          title: 'Flue and ventilation',
          fields: [
            { key: 'flue_check', label: 'Flue termination and route', type: 'passFail', required: true },
            { key: 'flue_photos', label: 'Photo of the flue terminal', type: 'photos', maxPhotos: 3 },
            { key: 'ventilation_ok', label: 'Ventilation adequate', type: 'yesNo', required: true },
          ],
        },
        {
          key: 'sign_off',
          title: 'Sign-off',
          fields: [
            {
              key: 'notice',
              label: 'Explain the results and any warning notice to the customer before they sign.',
              type: 'instructions',
            },
            { key: 'customer_name', label: 'Customer name', type: 'shortText', required: true },
            { key: 'customer_signature', label: 'Customer signature', type: 'signature', required: true },
            { key: 'next_service_date', label: 'Next service due', type: 'date' },
          ],
        },
      ],
    },
  },
  {
    jobType: 'Fire alarm inspection',
    name: 'Fire alarm inspection (BS 5839)',
    requiredFields: ['battery_voltage'],
    definition: {
      sections: [
        {
          key: 'panel',
          title: 'Control panel',
          fields: [
            { key: 'panel_make', label: 'Panel make and model', type: 'shortText', required: true },
            { key: 'panel_faults', label: 'Faults showing on arrival', type: 'yesNo', required: true },
            {
              key: 'fault_details',
              label: 'Fault details',
              type: 'longText',
              required: true,
              visibleWhen: when('panel_faults', 'equals', true),
            },
            {
              key: 'battery_voltage',
              label: 'Standby battery voltage',
              type: 'number',
              unit: 'V',
              min: 0,
              max: 30,
              decimals: 1,
            },
          ],
        },
        {
          key: 'detectors',
          title: 'Detectors',
          fields: [
            { key: 'detectors_tested', label: 'Detectors tested', type: 'number', min: 0, max: 500, required: true },
            { key: 'detectors_failed', label: 'Detectors failed', type: 'number', min: 0, max: 500, required: true },
            {
              key: 'failed_detectors',
              label: 'Failed detector',
              type: 'group',
              minEntries: 1,
              visibleWhen: when('detectors_failed', 'greaterThan', 0),
              fields: [
                { key: 'detector_location', label: 'Location', type: 'shortText', required: true },
                {
                  key: 'detector_type',
                  label: 'Type',
                  type: 'singleChoice',
                  choices: choices('Smoke', 'Heat', 'Multi-sensor'),
                  required: true,
                },
                { key: 'detector_photo', label: 'Photo', type: 'photos', maxPhotos: 2 },
              ],
            },
          ],
        },
        {
          key: 'sounders',
          title: 'Sounders',
          fields: [
            { key: 'sounders_ok', label: 'All sounders audible', type: 'passFail', required: true },
            {
              key: 'sounder_notes',
              label: 'Where they could not be heard',
              type: 'longText',
              required: true,
              visibleWhen: when('sounders_ok', 'equals', 'fail'),
            },
          ],
        },
        {
          key: 'sign_off',
          title: 'Sign-off',
          fields: [
            { key: 'log_book_signed', label: 'Log book filled in', type: 'yesNo', required: true },
            { key: 'responsible_person', label: 'Responsible person', type: 'shortText', required: true },
            { key: 'signature', label: 'Signature', type: 'signature', required: true },
          ],
        },
      ],
    },
  },
  {
    jobType: 'Heat pump install',
    name: 'Heat pump commissioning',
    requiredFields: ['mcs_certificate'],
    definition: {
      sections: [
        {
          key: 'unit',
          title: 'Outdoor unit',
          fields: [
            { key: 'unit_serial', label: 'Unit serial number', type: 'shortText', required: true },
            {
              key: 'unit_model',
              label: 'Model',
              type: 'singleChoice',
              choices: choices('5 kW', '7 kW', '9 kW', '12 kW'),
              required: true,
            },
            {
              key: 'refrigerant_charge_kg',
              label: 'Refrigerant charge',
              type: 'number',
              unit: 'kg',
              min: 0,
              max: 20,
              decimals: 2,
              required: true,
            },
            {
              key: 'install_photos',
              label: 'Photos of the installation',
              type: 'photos',
              maxPhotos: 10,
              required: true,
            },
          ],
        },
        {
          key: 'commissioning',
          title: 'Commissioning',
          fields: [
            {
              key: 'flow_temp_c',
              label: 'Design flow temperature',
              type: 'number',
              unit: '°C',
              min: 25,
              max: 65,
              decimals: 1,
              required: true,
            },
            { key: 'commissioning_ok', label: 'Commissioning checks passed', type: 'passFail', required: true },
            {
              key: 'commissioning_issues',
              label: 'What failed and what was done',
              type: 'longText',
              required: true,
              visibleWhen: when('commissioning_ok', 'equals', 'fail'),
            },
            {
              key: 'mcs_certificate',
              label: 'MCS certificate number',
              type: 'shortText',
              visibleWhen: when('commissioning_ok', 'equals', 'pass'),
            },
            { key: 'commissioned_at', label: 'Commissioned at', type: 'time' },
          ],
        },
        {
          key: 'handover',
          title: 'Handover',
          fields: [
            { key: 'controls_explained', label: 'Controls explained to the customer', type: 'yesNo', required: true },
            { key: 'customer_signature', label: 'Customer signature', type: 'signature', required: true },
          ],
        },
      ],
    },
  },
];

/** Creates, publishes and assigns the demo forms through the same services the office uses. */
export async function seedDemoForms(
  tx: AnyTx,
  recorder: ChangeRecorder,
  input: { orgId: string; publishedBy: string; jobTypes: readonly Pick<JobTypeRow, 'id' | 'name' | 'keyFields'>[] },
): Promise<void> {
  for (const form of DEMO_FORMS) {
    const jobType = input.jobTypes.find((t) => t.name === form.jobType);
    if (!jobType) continue;
    const template = await createTemplate(tx, {
      orgId: input.orgId,
      userId: input.publishedBy,
      name: form.name,
      definition: form.definition,
    });
    await publishTemplate(tx, recorder, { orgId: input.orgId, userId: input.publishedBy, id: template.id });
    await setJobTypeFormRules(tx, recorder, {
      orgId: input.orgId,
      jobTypeId: jobType.id,
      templateId: template.id,
      keyFields: [...jobType.keyFields],
      requiredFields: form.requiredFields,
    });
  }
}
