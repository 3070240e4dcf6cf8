import { describe, expect, it } from 'vitest';
import { insertMention, mentionAt, mentionCandidates } from './mentions.ts';

describe('mentions while typing', () => {
  it('finds the @name before the caret, not an email address or a finished line', () => {
    expect(mentionAt('ask @li', 7)).toEqual({ start: 4, query: 'li' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('mail bob@example.com', 20)).toBeNull();
    expect(mentionAt('@liam\nthanks', 12)).toBeNull();
    expect(mentionAt('no mention here', 15)).toBeNull();
  });

  it('replaces what was typed with the full name and puts the caret after it', () => {
    const text = 'ask @li about the valve';
    const m = mentionAt(text, 7)!;
    expect(insertMention(text, 7, m, 'Liam Carter')).toEqual({ text: 'ask @Liam Carter about the valve', caret: 17 });
    expect(insertMention('@', 1, { start: 0 }, 'Aisha Begum')).toEqual({ text: '@Aisha Begum ', caret: 13 });
  });

  it('suggests people by the start of their name or of a word of it, those starting with it first', () => {
    const people = [
      { name: 'Liam Carter' },
      { name: 'Maya Lindqvist' },
      { name: 'Tom Pritchard' },
      { name: 'Lina Ek' },
    ];
    expect(mentionCandidates(people, 'li').map((p) => p.name)).toEqual(['Liam Carter', 'Lina Ek', 'Maya Lindqvist']);
    expect(mentionCandidates(people, 'car').map((p) => p.name)).toEqual(['Liam Carter']);
    expect(mentionCandidates(people, 'itch')).toEqual([]);
    expect(mentionCandidates(people, '')).toHaveLength(4);
  });
});
