import { describe, expect, it } from 'vitest';
import { boiler } from '../forms/test-fixtures.ts';
import { reportSections } from './report-answers.ts';

const SIGNATURE_ID = '0190a5b2-0000-7000-8000-000000000001';

describe('reportSections', () => {
  const sections = reportSections(boiler(), {
    make: 'Vaillant — łazienka',
    fuel: 'gas',
    co_ppm: 1200,
    co_action: 'Appliance isolated',
    flue_check: 'fail',
    flue_photos: [],
    // The oil section is hidden for gas: its stale answer must not reach the customer.
    tank_ok: false,
    radiators: [
      { room: 'Kitchen', rad_check: 'pass', rad_note: 'stale note' },
      { room: 'Hall', rad_check: 'fail', rad_note: 'Cold at the top' },
    ],
    signature: SIGNATURE_ID,
  });

  it('keeps template order and leaves hidden sections, hidden fields and instructions out', () => {
    expect(sections.map((s) => s.title)).toEqual(['Appliance', 'Radiators', 'Sign-off']);
    expect(sections[2]?.answers.map((a) => a.key)).toEqual(['signature', 'visit_date', 'visit_time']);
  });

  it('words answers for a person: choice labels, units, pass/fail marks, out-of-range numbers', () => {
    const byKey = new Map(sections[0]?.answers.map((a) => [a.key, a]));
    expect(byKey.get('fuel')?.text).toBe('Gas');
    expect(byKey.get('co_ppm')).toMatchObject({ text: '1200 ppm', unit: 'ppm', outOfRange: true });
    expect(byKey.get('flue_check')).toMatchObject({ text: 'Fail', outcome: 'fail' });
    expect(byKey.get('make')?.text).toBe('Vaillant — łazienka');
  });

  it('shows each repeat entry with only its visible children, and points at the signature', () => {
    const group = sections[1]?.answers[0];
    expect(group?.entries.map((entry) => entry.map((a) => `${a.label}: ${a.text}`))).toEqual([
      ['Room: Kitchen', 'Heats evenly: Pass'],
      ['Room: Hall', 'Heats evenly: Fail', 'What is wrong: Cold at the top'],
    ]);
    expect(sections[2]?.answers[0]).toMatchObject({ text: 'Signed', attachmentIds: [SIGNATURE_ID] });
  });
});
