import { describe, expect, it } from 'vitest';
import { answerProblem } from './answers.ts';
import type { Field } from './definition.ts';
import { diffDefinitions } from './diff-definitions.ts';
import { indexDefinition } from './field-index.ts';
import { validateJobTypeRules } from './job-type-rules.ts';
import { migrateAnswers } from './migrate-answers.ts';
import { boiler, def } from './test-fixtures.ts';
import { validateSubmission } from './validate-submission.ts';
import { evaluateVisibility } from './visibility.ts';

const field = (key: string): Field => {
  const found = indexDefinition(boiler()).byKey.get(key)?.field;
  if (!found) throw new Error(key);
  return found;
};

describe('answer values', () => {
  it('checks numbers against range and decimals, with the unit in the message', () => {
    expect(answerProblem(field('co_ppm'), 40)).toBeNull();
    expect(answerProblem(field('co_ppm'), 1001)).toBe('must be at most 1000 ppm');
    expect(answerProblem(field('co_ppm'), -1)).toBe('must be at least 0 ppm');
    expect(answerProblem(field('co_ppm'), 1.5)).toBe('must be a whole number');
    expect(answerProblem(field('co_ppm'), '40')).toBe('must be a number');
  });

  it('checks choices, pass/fail, dates, times, photos and signatures', () => {
    expect(answerProblem(field('fuel'), 'coal')).toBe('must be one of: gas, oil');
    expect(answerProblem(field('flue_check'), 'ok')).toBe('must be pass, fail or N/A');
    expect(answerProblem(field('visit_date'), '2026-02-30')).toBe('must be a date like 2026-03-31');
    expect(answerProblem(field('visit_time'), '25:00')).toBe('must be a time like 14:30');
    expect(answerProblem(field('visit_time'), '07:45')).toBeNull();
    expect(answerProblem(field('flue_photos'), ['not-an-id'])).toBe('0: must be a UUID');
    expect(answerProblem(field('signature'), 'data:image/png;base64,iVBORw0KGgo=')).toBeNull();
    expect(answerProblem(field('signature'), 'scribble')).toBe('must be a signature image');
    expect(answerProblem(field('notice'), 'x')).toBe('instructions take no answer');
    expect(answerProblem(field('fuel'), null)).toBeNull();
  });

  it('checks group entries child by child', () => {
    expect(answerProblem(field('radiators'), [{ room: 'Hall', rad_check: 'pass' }])).toBeNull();
    expect(answerProblem(field('radiators'), [{ room: 'Hall', rad_check: 'broken' }])).toBe(
      '0.rad_check: must be pass, fail or N/A',
    );
    expect(answerProblem(field('radiators'), [{ colour: 'white' }])).toBe('0.colour: is not a field of this group');
  });
});

describe('visibility and submission', () => {
  const complete = {
    make: 'Vaillant',
    fuel: 'gas',
    co_ppm: 40,
    flue_check: 'pass',
    radiators: [{ room: 'Hall', rad_check: 'pass' }],
    signature: '00000000-0000-4000-8000-000000000001',
  };

  it('shows follow-ups only when their condition holds; hidden fields hide what depends on them', () => {
    const visible = evaluateVisibility(boiler(), {
      ...complete,
      radiators: [
        { room: 'Hall', rad_check: 'fail' },
        { room: 'Bed', rad_check: 'pass' },
      ],
    });
    expect(visible.has('co_action')).toBe(false);
    expect(visible.has('oil')).toBe(false);
    expect(visible.has('tank_ok')).toBe(false);
    expect(visible.has('radiators.0.rad_note')).toBe(true);
    expect(visible.has('radiators.1.rad_note')).toBe(false);
    expect(evaluateVisibility(boiler(), { ...complete, co_ppm: 150 }).has('co_action')).toBe(true);
  });

  it('accepts a complete form', () => {
    expect(validateSubmission(boiler(), complete)).toEqual([]);
  });

  it('lists exactly what is missing or invalid, in reading order, with where it is', () => {
    const problems = validateSubmission(
      boiler(),
      {
        fuel: 'oil',
        co_ppm: 150,
        flue_check: 'fail',
        radiators: [{ room: 'Hall', rad_check: 'fail' }],
        signature: 'scribble',
      },
      { requiredFields: ['visit_date'] },
    );
    expect(problems).toEqual([
      { fieldKey: 'make', sectionKey: 'appliance', message: 'Make: an answer is required.' },
      { fieldKey: 'co_action', sectionKey: 'appliance', message: 'Action taken on high CO: an answer is required.' },
      { fieldKey: 'flue_photos', sectionKey: 'appliance', message: 'Photos of the flue: an answer is required.' },
      { fieldKey: 'tank_ok', sectionKey: 'oil', message: 'Tank bunded: an answer is required.' },
      {
        fieldKey: 'radiators',
        sectionKey: 'radiators_section',
        entry: 0,
        childKey: 'rad_note',
        message: 'Radiator 1: What is wrong: an answer is required.',
      },
      { fieldKey: 'signature', sectionKey: 'sign_off', message: 'Customer signature: must be a signature image.' },
      { fieldKey: 'visit_date', sectionKey: 'sign_off', message: 'Visit date: an answer is required.' },
    ]);
  });

  it('never blocks on a required field in a hidden section, even if it holds a stale answer', () => {
    expect(validateSubmission(boiler(), { ...complete, tank_ok: 'not a boolean' })).toEqual([]);
  });

  it('asks for the minimum number of group entries', () => {
    expect(validateSubmission(boiler(), { ...complete, radiators: [] })).toEqual([
      { fieldKey: 'radiators', sectionKey: 'radiators_section', message: 'Radiator: add at least 1 entry.' },
    ]);
  });
});

describe('migrateAnswers and diffDefinitions', () => {
  const v1 = boiler();
  const v2 = def({
    sections: [
      {
        key: 'appliance',
        title: 'Appliance',
        fields: [
          { key: 'make', label: 'Manufacturer', type: 'shortText', required: true },
          {
            key: 'fuel',
            label: 'Fuel',
            type: 'singleChoice',
            choices: [
              { value: 'gas', label: 'Gas' },
              { value: 'lpg', label: 'LPG' },
            ],
          },
          { key: 'co_ppm', label: 'Flue gas CO', type: 'number', unit: 'ppm', min: 0, max: 50 },
          { key: 'flue_check', label: 'Flue integrity', type: 'yesNo' },
          { key: 'model', label: 'Model', type: 'shortText' },
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
            fields: [{ key: 'room', label: 'Room', type: 'shortText' }],
          },
        ],
      },
    ],
  });

  it('carries answers over by key when still valid and says what was dropped or added', () => {
    const result = migrateAnswers(v1, v2, {
      make: 'Ideal',
      fuel: 'oil',
      co_ppm: 40,
      flue_check: 'pass',
      tank_ok: true,
      radiators: [{ room: 'Hall', rad_check: 'pass' }],
    });
    expect(result.answers).toEqual({ make: 'Ideal', co_ppm: 40, radiators: [{ room: 'Hall' }] });
    expect(result.dropped).toEqual(['fuel', 'flue_check', 'tank_ok', 'radiators.rad_check']);
    expect(result.added).toEqual(['model']);
    expect(result.changedType).toEqual([{ key: 'flue_check', from: 'passFail', to: 'yesNo' }]);
  });

  it('drops a number outside the new range', () => {
    expect(migrateAnswers(v1, v2, { co_ppm: 80 }).dropped).toEqual(['co_ppm']);
  });

  it('describes what changed between two versions', () => {
    expect(diffDefinitions(v1, v2).map((c) => c.summary)).toEqual([
      'Section "Oil tank" removed',
      'Section "Sign-off" removed',
      'Field "Manufacturer" (make) changed: Label: "Make" → "Manufacturer"',
      'Field "Fuel" (fuel) changed: No longer required; Choice added: "LPG"; Choice removed: "Oil"',
      'Field "Flue gas CO" (co_ppm) changed: No longer required; Maximum: 1000 → 50',
      'Field "Flue integrity" (flue_check) changed: Type: pass/fail/N-A → yes/no; No longer required',
      'Field "Model" (model) added to section "Appliance"',
      'Field "Radiator" (radiators) changed: Minimum entries: 1 → 0',
      'Field "Room" (room) changed: No longer required',
      'Field "Action taken on high CO" (co_action) removed',
      'Field "Photos of the flue" (flue_photos) removed',
      'Field "Tank bunded" (tank_ok) removed',
      'Field "Heats evenly" (rad_check) removed',
      'Field "What is wrong" (rad_note) removed',
      'Field "Read this to the customer" (notice) removed',
      'Field "Customer signature" (signature) removed',
      'Field "Visit date" (visit_date) removed',
      'Field "Arrived" (visit_time) removed',
    ]);
  });
});

describe('job type rules', () => {
  it('requires key fields to be answerable top-level fields of the template', () => {
    expect(
      validateJobTypeRules(boiler(), { keyFields: ['co_ppm', 'room', 'notice', 'nope'], requiredFields: [] }).map(
        (i) => i.message,
      ),
    ).toEqual([
      'Key field "Room" is inside the group "Radiator"; choose a field outside a group.',
      'Key field "Read this to the customer" is an instructions block and takes no answer.',
      'Key field "nope" is not a field of this template.',
    ]);
  });
});
