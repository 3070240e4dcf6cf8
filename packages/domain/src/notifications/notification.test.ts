import { describe, expect, it } from 'vitest';
import { mentionedPeople } from './notification.ts';

const people = [
  { id: '1', name: 'Ann' },
  { id: '2', name: 'Ann Lee' },
  { id: '3', name: 'Łukasz Żak' },
  { id: '4', name: 'Bo' },
];
const ids = (body: string) =>
  mentionedPeople(body, people)
    .map((p) => p.id)
    .sort();

describe('mentionedPeople', () => {
  it('finds full names after @, any case, the longest name first', () => {
    expect(ids('@ann lee can you check the valve?')).toEqual(['2']);
    expect(ids('@Ann and @Ann Lee')).toEqual(['1', '2']);
    expect(ids('thanks @łukasz żak!')).toEqual(['3']);
  });

  it('does not take a name that runs on into a longer word, or text without @', () => {
    expect(ids('@Bob said hi')).toEqual([]);
    expect(ids('Ann Lee was here')).toEqual([]);
    expect(ids('mail ann@example.com')).toEqual([]);
    expect(ids('@Bo.')).toEqual(['4']);
  });
});
