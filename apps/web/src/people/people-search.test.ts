import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FoundPerson } from '@lastmile/domain';
import { NetworkError } from '../app/api.ts';
import { forgetServerAnswers } from '../app/session/server-answers.ts';
import { notOnDevice, searchableText, searchPeopleOnline } from './people-search.ts';
import { chosenName, rememberChosen } from './chosen-people.ts';

const anna: FoundPerson = {
  id: '0190a1b2-0000-7000-8000-000000000001',
  name: 'Anna Żak',
  role: 'technician',
  teamName: 'North',
};
const liam: FoundPerson = {
  id: '0190a1b2-0000-7000-8000-000000000002',
  name: 'Liam Carter',
  role: 'lead',
  teamName: 'South',
};

afterEach(() => {
  vi.unstubAllGlobals();
  forgetServerAnswers();
});

describe('what the people search sends', () => {
  it('asks only from two characters to sixty, trimmed', () => {
    expect(searchableText('')).toBeNull();
    expect(searchableText(' a ')).toBeNull();
    expect(searchableText(' an ')).toBe('an');
    expect(searchableText('x'.repeat(60))).toHaveLength(60);
    expect(searchableText('x'.repeat(61))).toBeNull();
  });

  it('lists only people the device does not hold', () => {
    expect(notOnDevice([anna, liam], new Set([liam.id]))).toEqual([anna]);
  });
});

describe('searchPeopleOnline', () => {
  it('asks once for the same text in any case, and keeps % and other characters encoded', async () => {
    const fetch = vi.fn(async () => Response.json({ people: [anna] }));
    vi.stubGlobal('fetch', fetch);
    expect(await searchPeopleOnline('Ann%')).toEqual([anna]);
    expect(await searchPeopleOnline('ann%')).toEqual([anna]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]).toEqual([
      '/api/people/search?q=Ann%25',
      expect.objectContaining({ method: 'GET', credentials: 'same-origin' }),
    ]);
  });

  it('says offline when there is no answer, and asks again next time', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(searchPeopleOnline('anna')).rejects.toBeInstanceOf(NetworkError);
    const fetch = vi.fn(async () => Response.json({ people: [anna] }));
    vi.stubGlobal('fetch', fetch);
    expect(await searchPeopleOnline('anna')).toEqual([anna]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('forgets its answers and the people chosen when the session ends', async () => {
    const fetch = vi.fn(async () => Response.json({ people: [anna] }));
    vi.stubGlobal('fetch', fetch);
    await searchPeopleOnline('anna');
    rememberChosen(anna);
    expect(chosenName(anna.id)).toEqual({ name: 'Anna Żak' });
    forgetServerAnswers();
    expect(chosenName(anna.id)).toBeUndefined();
    await searchPeopleOnline('anna');
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
