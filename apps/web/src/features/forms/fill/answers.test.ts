import type { Section } from '@lastmile/domain';
import { describe, expect, it } from 'vitest';
import { isAnswered, newGroupEntry, sectionProgress } from './answers.ts';

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

describe('section progress', () => {
  it('counts answered over visible answerable fields, ignoring instructions and hidden fields', () => {
    expect(sectionProgress(section, () => true, {})).toEqual({ answered: 0, visible: 3 });
    expect(sectionProgress(section, () => true, { make: 'Vaillant', pressure: 0, leak: null })).toEqual({
      answered: 2,
      visible: 3,
    });
    expect(sectionProgress(section, (k) => k !== 'leak', { make: 'Vaillant', leak: 'fail' })).toEqual({
      answered: 1,
      visible: 2,
    });
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
