import { describe, expect, it } from 'vitest';
import { checkTransition, JOB_STATUSES, nextStatuses, type JobStatus } from './job-status.ts';
import { ROLES, type Role } from './roles.ts';

/** The lifecycle from the product brief, written out as the table a reviewer would check. */
const ALLOWED: Record<JobStatus, Partial<Record<JobStatus, readonly Role[]>>> = {
  scheduled: { in_progress: ROLES, cancelled: ['lead', 'office', 'admin'] },
  in_progress: { paused: ROLES, completed: ROLES, cancelled: ['lead', 'office', 'admin'] },
  paused: { in_progress: ROLES, completed: ROLES, cancelled: ['lead', 'office', 'admin'] },
  completed: { submitted: ROLES },
  submitted: { approved: ['office', 'admin'], sent_back: ['office', 'admin'] },
  sent_back: { in_progress: ROLES, cancelled: ['lead', 'office', 'admin'] },
  approved: {},
  cancelled: {},
};

describe('job status machine', () => {
  for (const from of JOB_STATUSES) {
    for (const to of JOB_STATUSES) {
      for (const role of ROLES) {
        const allowed = ALLOWED[from][to]?.includes(role) ?? false;
        it(`${from} → ${to} by ${role}: ${allowed ? 'allowed' : 'refused'}`, () => {
          const result = checkTransition(from, to, role, 'a reason');
          expect(result.ok).toBe(allowed);
          if (!result.ok) expect(result.reason).toMatch(/\w+/);
          expect(nextStatuses(from, role).includes(to)).toBe(allowed);
        });
      }
    }
  }

  it.each(['paused', 'cancelled', 'sent_back'] as const)('refuses %s without a reason, saying so', (to) => {
    const from: JobStatus = to === 'sent_back' ? 'submitted' : 'in_progress';
    const result = checkTransition(from, to, 'admin', '  ');
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(/needs a reason/),
      detail: { key: 'job.transition.needsReason', params: { to } },
    });
  });

  it('explains an illegal change in words a person can read, and as a key the app can translate', () => {
    expect(checkTransition('approved', 'in_progress', 'technician')).toEqual({
      ok: false,
      reason: 'An approved job cannot be in progress.',
      detail: { key: 'job.transition.notFrom', params: { from: 'approved', to: 'in_progress' } },
    });
    expect(checkTransition('submitted', 'approved', 'technician')).toEqual({
      ok: false,
      reason: 'Only office or admin users can mark a job approved.',
      detail: { key: 'job.transition.role', params: { to: 'approved', roles: 'office,admin' } },
    });
    expect(checkTransition('paused', 'paused', 'technician')).toEqual({
      ok: false,
      reason: 'The job is already paused.',
      detail: { key: 'job.transition.already', params: { status: 'paused' } },
    });
  });
});
