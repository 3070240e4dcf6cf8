import { describe, expect, it } from 'vitest';
import { personScopes, scope, scopesForActor, workScopes } from './scopes.ts';

const org = 'o1';
describe('replication scopes', () => {
  it('gives each role the slice of work it should see, and everyone the reference data', () => {
    expect(scopesForActor({ userId: 'u1', orgId: org, role: 'technician', teamId: 't1' })).toEqual([
      scope.ref(org),
      scope.people('t1'),
      scope.user('u1'),
    ]);
    expect(scopesForActor({ userId: 'u2', orgId: org, role: 'lead', teamId: 't1' })).toEqual([
      scope.ref(org),
      scope.team('t1'),
      scope.people('t1'),
      scope.user('u2'),
    ]);
    expect(scopesForActor({ userId: 'u5', orgId: org, role: 'technician', teamId: null })).toEqual([
      scope.ref(org),
      scope.user('u5'),
    ]);
    expect(scopesForActor({ userId: 'u3', orgId: org, role: 'office', teamId: null })).toEqual([
      scope.ref(org),
      scope.org(org),
      scope.user('u3'),
    ]);
    expect(scopesForActor({ userId: 'u4', orgId: org, role: 'admin', teamId: null })).toEqual([
      scope.ref(org),
      scope.org(org),
      scope.user('u4'),
    ]);
  });

  it('puts a piece of work under its org, team and people, once each', () => {
    expect(workScopes({ orgId: org, teamId: 't1', userIds: ['u1', null, 'u1'] })).toEqual([
      scope.org(org),
      scope.team('t1'),
      scope.user('u1'),
    ]);
    expect(workScopes({ orgId: org, teamId: null, userIds: [] })).toEqual([scope.org(org)]);
  });

  it("holds a field person with their team's devices and the office, office people with everyone", () => {
    expect(personScopes({ id: 'u1', orgId: org, role: 'technician', teamId: 't1' })).toEqual([
      scope.org(org),
      scope.user('u1'),
      scope.people('t1'),
    ]);
    expect(personScopes({ id: 'u2', orgId: org, role: 'lead', teamId: 't1' })).toEqual([
      scope.org(org),
      scope.user('u2'),
      scope.people('t1'),
    ]);
    expect(personScopes({ id: 'u3', orgId: org, role: 'office', teamId: 't1' })).toEqual([
      scope.org(org),
      scope.user('u3'),
      scope.ref(org),
    ]);
    expect(personScopes({ id: 'u5', orgId: org, role: 'technician', teamId: null })).toEqual([
      scope.org(org),
      scope.user('u5'),
    ]);
  });

  it('lets every device pull the people it is given', () => {
    const person = { id: 'u1', orgId: org, role: 'technician' as const, teamId: 't1' };
    const teammate = scopesForActor({ userId: 'u9', orgId: org, role: 'technician', teamId: 't1' });
    const lead = scopesForActor({ userId: 'u8', orgId: org, role: 'lead', teamId: 't1' });
    const other = scopesForActor({ userId: 'u7', orgId: org, role: 'technician', teamId: 't2' });
    const self = scopesForActor({ userId: 'u1', orgId: org, role: 'technician', teamId: 't1' });
    const held = (scopes: string[]) => personScopes(person).some((s) => scopes.includes(s));
    expect([held(teammate), held(lead), held(other), held(self)]).toEqual([true, true, false, true]);
  });
});
