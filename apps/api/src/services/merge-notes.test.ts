import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeNotes } from './merge-notes.ts';

describe('mergeNotes: two people writing a job’s notes without seeing each other’s text', () => {
  it('keeps the writer’s text when nobody else wrote since it began, and the stored text when the writer changed nothing', () => {
    expect(mergeNotes('Gate 1234', 'Gate 1234', 'Gate 1234\nDog in yard')).toBe('Gate 1234\nDog in yard');
    expect(mergeNotes('Gate 1234', 'Gate 9876', 'Gate 1234')).toBe('Gate 9876');
  });

  it('merges changes to different lines: the office’s new gate code and the technician’s warning both stay', () => {
    const base = 'Gate code 1234\nCall before arriving';
    const office = 'Gate code 9876\nCall before arriving';
    const tech = 'Gate code 1234\nCall before arriving\nBoiler room flooded';
    expect(mergeNotes(base, office, tech)).toBe('Gate code 9876\nCall before arriving\nBoiler room flooded');
  });

  it('keeps both versions of a line both changed, the writer’s first', () => {
    expect(mergeNotes('Gate code 1234', 'Gate code 9876', 'Gate code broken, use side door')).toBe(
      'Gate code broken, use side door\nGate code 9876',
    );
  });

  it('follows a person typing: each keystroke’s edit lands on the merged text', () => {
    // The office changed line 1 while the technician, offline, typed a second line letter by letter.
    let stored = 'Gate code 9876';
    let base = 'Gate code 1234';
    for (const typed of ['\nB', '\nBo', '\nBoi', '\nBoiler']) {
      const mine = `Gate code 1234${typed}`;
      stored = mergeNotes(base, stored, mine);
      base = mine;
    }
    expect(stored).toBe('Gate code 9876\nBoiler');
  });

  it('takes the other side’s deletion of a line the writer only kept', () => {
    expect(mergeNotes('a\nb', 'a', 'x\na\nb')).toBe('x\na');
  });

  it('never loses a line either side added', () => {
    const line = fc.stringMatching(/^[a-z ]{1,12}$/);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), line, line, fc.nat(6), fc.nat(6), (base, a, b, i, j) => {
        const mine = [...base.slice(0, i), `mine ${a}`, ...base.slice(i)];
        const stored = [...base.slice(0, j), `theirs ${b}`, ...base.slice(j)];
        const merged = mergeNotes(base.join('\n'), stored.join('\n'), mine.join('\n')).split('\n');
        expect(merged).toContain(`mine ${a}`);
        expect(merged).toContain(`theirs ${b}`);
      }),
    );
  });
});
