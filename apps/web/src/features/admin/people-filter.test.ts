import { describe, expect, it } from 'vitest';
import type { AdminPerson } from '@lastmile/domain';
import { matchesSearch, statusOf } from './people-filter.ts';

const person = (over: Partial<AdminPerson> = {}): AdminPerson => ({
  id: '00000000-0000-4000-8000-000000000001',
  orgId: '00000000-0000-4000-8000-000000000002',
  teamId: null,
  name: 'Łucja Nowak',
  email: 'lucja.nowak@firma.pl',
  role: 'technician',
  active: true,
  invitation: null,
  openJobs: 0,
  onPhones: { photos: 0, changes: 0 },
  ...over,
});

describe('the people list', () => {
  it('finds a person by any words of their name or email, in any case and order', () => {
    expect(matchesSearch(person(), 'nowak')).toBe(true);
    expect(matchesSearch(person(), 'ŁUCJA')).toBe(true);
    expect(matchesSearch(person(), 'firma.pl łucja')).toBe(true);
    expect(matchesSearch(person(), '  ')).toBe(true);
    expect(matchesSearch(person(), 'nowak kowalski')).toBe(false);
  });

  it('calls a deactivated person deactivated even with an invitation open', () => {
    expect(statusOf(person())).toBe('active');
    expect(statusOf(person({ invitation: 'pending' }))).toBe('pending');
    expect(statusOf(person({ invitation: 'expired' }))).toBe('expired');
    expect(statusOf(person({ active: false, invitation: 'pending' }))).toBe('deactivated');
  });
});
