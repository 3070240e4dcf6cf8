import type { GroupField, Section } from '@lastmile/domain';
import { describe, expect, it } from 'vitest';
import { isAnswered, newGroupEntry, sectionProgress, type ProgressRules } from './answers.ts';

const section: Section = {
  key: 'boiler',
  title: 'Boiler',
  visibleWhen: null,
  fields: [
    { key: 'read_me', label: 'Isolate first', help: '', required: false, visibleWhen: null, type: 'instructions' },
    { key: 'make', label: 'Make', help: '', required: true, visibleWhen: null, type: 'shortText' },
    {
      key: 'pressure',
      label: 'Pressure',
      help: '',
      required: false,
      visibleWhen: null,
      type: 'number',
      unit: 'bar',
      min: 0,
      max: 3,
      decimals: 1,
    },
    { key: 'leak', label: 'Leak', help: '', required: false, visibleWhen: null, type: 'passFail' },
  ],
};

const rules = (
  isVisible: (key: string) => boolean = () => true,
  extra: Partial<ProgressRules> = {},
): ProgressRules => ({
  isVisible,
  isChildVisible: () => true,
  isRequired: (field) => field.required,
  ...extra,
});

const radiators: GroupField = {
  key: 'radiators',
  label: 'Radiator',
  help: '',
  required: true,
  visibleWhen: null,
  type: 'group',
  minEntries: 0,
  maxEntries: 20,
  fields: [
    { key: 'room', label: 'Room', help: '', required: false, visibleWhen: null, type: 'shortText' },
    { key: 'heats_evenly', label: 'Heats evenly', help: '', required: true, visibleWhen: null, type: 'passFail' },
  ],
};
const heating: Section = { key: 'heating', title: 'Heating', visibleWhen: null, fields: [radiators] };

describe('section progress', () => {
  it('counts answered over visible answerable fields, ignoring instructions and hidden fields', () => {
    expect(sectionProgress(section, rules(), {})).toEqual({ answered: 0, visible: 3 });
    expect(sectionProgress(section, rules(), { make: 'Vaillant', pressure: 0, leak: null })).toEqual({
      answered: 2,
      visible: 3,
    });
    expect(
      sectionProgress(
        section,
        rules((k) => k !== 'leak'),
        { make: 'Vaillant', leak: 'fail' },
      ),
    ).toEqual({
      answered: 1,
      visible: 2,
    });
  });

  it('counts a repeatable group as done only when no shown entry misses a required answer', () => {
    const progress = (value: unknown, extra: Partial<ProgressRules> = {}) =>
      sectionProgress(heating, rules(undefined, extra), { radiators: value as never });
    expect(progress([{ room: 'Kitchen', heats_evenly: null }])).toEqual({ answered: 0, visible: 1 });
    expect(progress([{ room: 'Kitchen', heats_evenly: 'pass' }, { room: 'Hall' }])).toEqual({
      answered: 0,
      visible: 1,
    });
    expect(progress([{ room: 'Kitchen', heats_evenly: 'pass' }, { heats_evenly: 'fail' }])).toEqual({
      answered: 1,
      visible: 1,
    });
    // A child hidden in that entry, or not required, does not hold the group back.
    expect(progress([{ room: 'Kitchen' }], { isChildVisible: (_g, _e, child) => child !== 'heats_evenly' })).toEqual({
      answered: 1,
      visible: 1,
    });
    // The job type can require a child the template leaves optional.
    expect(progress([{ heats_evenly: 'pass' }], { isRequired: (f) => f.required || f.key === 'room' })).toEqual({
      answered: 0,
      visible: 1,
    });
    expect(progress([])).toEqual({ answered: 0, visible: 1 });
  });

  it('treats blank text and empty lists as unanswered, and false and 0 as answers', () => {
    expect([' ', '', [], null, undefined].map(isAnswered)).toEqual([false, false, false, false, false]);
    expect([false, 0, 'x', ['a'], [{}]].map(isAnswered)).toEqual([true, true, true, true, true]);
  });

  it('starts a new group entry with the children defaults', () => {
    expect(
      newGroupEntry({
        key: 'radiators',
        label: 'Radiator',
        help: '',
        required: false,
        visibleWhen: null,
        type: 'group',
        minEntries: 0,
        maxEntries: 20,
        fields: [
          { key: 'room', label: 'Room', help: '', required: false, visibleWhen: null, type: 'shortText' },
          { key: 'bled', label: 'Bled', help: '', required: false, visibleWhen: null, type: 'yesNo', default: false },
        ],
      }),
    ).toEqual({ bled: false });
  });
});
