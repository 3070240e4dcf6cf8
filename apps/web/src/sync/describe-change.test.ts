import { describe, expect, it } from 'vitest';
import { t } from '../i18n/index.ts';
// The changes screen's English comes with its route (ADR 0039).
import '../i18n/screens-messages.ts';
import { describeChange, type ChangeLookup } from './describe-change.ts';

const JOB = '0195a4a0-0000-7000-8000-000000000042';
const RESPONSE = '0195a4a0-0000-7000-8000-0000000000f1';
const lookup: ChangeLookup = {
  jobNumber: (id) => (id === JOB ? 'J-00042' : undefined),
  response: (id) => (id === RESPONSE ? { jobId: JOB, templateVersionId: 'v1' } : undefined),
  fieldLabel: (version, key) => (version === 'v1' && key === 'flue_co' ? 'Flue gas CO' : undefined),
  personName: (id) => (id === 'u1' ? 'Ada Tech' : undefined),
  item: () => undefined,
};
const describeIt = (name: string, args: unknown) => describeChange(name, args, lookup, t);

describe('describeChange', () => {
  it('says what was tried in words, keeps the typed text whole to copy, and names its job for a link', () => {
    const notes = 'Replaced the valve and bled every radiator on the first floor, pressure back to 1.5 bar';
    expect(describeIt('updateJobNotes', { jobId: JOB, notes })).toEqual({
      summary: 'Notes on J-00042: “Replaced the valve and bled every radiator on the first…”',
      value: notes,
      job: { id: JOB, number: 'J-00042', form: false },
    });
    expect(describeIt('transitionJob', { jobId: JOB, to: 'paused', reason: 'waiting for parts' })).toMatchObject({
      summary: 'Pause J-00042 — reason: waiting for parts',
      value: 'waiting for parts',
    });
    expect(describeIt('postJobMessage', { id: 'm', jobId: JOB, body: 'Gate code 4711' })).toMatchObject({
      summary: 'Message on J-00042: “Gate code 4711”',
      value: 'Gate code 4711',
    });
  });

  it('names a form answer by its field label and job, through the response', () => {
    expect(describeIt('setAnswer', { responseId: RESPONSE, fieldKey: 'flue_co', value: 1000 })).toEqual({
      summary: 'Answer “Flue gas CO” = 1000 on J-00042',
      value: '1000',
      job: { id: JOB, number: 'J-00042', form: true },
    });
    expect(describeIt('setAnswer', { responseId: RESPONSE, fieldKey: 'flue_co', value: null }).summary).toBe(
      'Clear the answer “Flue gas CO” on J-00042',
    );
    const signed = describeIt('setAnswer', {
      responseId: RESPONSE,
      fieldKey: 'sig',
      value: 'data:image/png;base64,AA',
    });
    expect(signed).toMatchObject({ summary: 'Answer “sig” = (a signature) on J-00042', value: null });
  });

  it('stays readable when the job or form is not on this phone, and offers no link then', () => {
    const other = '0195a4a0-0000-7000-8000-000000000099';
    expect(describeIt('transitionJob', { jobId: other, to: 'in_progress' })).toEqual({
      summary: 'Start a job not on this phone',
      value: null,
      job: null,
    });
    expect(
      describeIt('assignJob', { jobId: JOB, assigneeId: 'u1', expectedAssigneeId: null, handoffNote: '' }),
    ).toMatchObject({ summary: 'Assign J-00042 to Ada Tech', value: null });
    expect(describeIt('somethingNew', { x: 1 }).summary).toBe('somethingNew');
  });
});
