import { describe, expect, it } from 'vitest';
import { scope, scopesForActor, workScopes } from './scopes.ts';

const org = 'o1';
describe('replication scopes', () => {
  it('gives each role the slice of work it should see, and everyone the reference data', () => {
    expect(scopesForActor({ userId: 'u1', orgId: org, role: 'technician', teamId: 't1' })).toEqual([
      scope.ref(org),
      scope.user('u1'),
    ]);
    expect(scopesForActor({ userId: 'u2', orgId: org, role: 'lead', teamId: 't1' })).toEqual([
      scope.ref(org),
      scope.team('t1'),
      scope.user('u2'),
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
});
