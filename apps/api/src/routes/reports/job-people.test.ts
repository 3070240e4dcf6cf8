import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobPeopleSchema } from '@lastmile/domain';
import { writeInOrg } from '@lastmile/sync/server';
import { hashPassword } from '../../auth/password.ts';
import { jobMessages, jobs } from '../../db/schema/index.ts';
import { createTeam } from '../../services/create-team.ts';
import { createUser } from '../../services/create-user.ts';
import { createOfficeWorld } from '../../test/office-fixtures.ts';
import { createTestApp, sessionFor, TEST_PASSWORD, type TestApp } from '../../test/test-app.ts';

/**
 * A job handed over from another team names people the new team's phones do not hold (ADR 0051):
 * the earlier technician's handoff note and answers. The phone asks the server for their names
 * while online; only someone who sees the job may ask, and only the job's people come back.
 */
let t: TestApp;
let jobId: string;
let newTech: { id: string; email: string; orgId: string };
let bystander: { id: string; email: string; orgId: string };

beforeAll(async () => {
  t = await createTestApp();
  const { orgA } = t.fixtures;
  const world = await createOfficeWorld(t.db, {
    orgId: orgA.id,
    teamId: orgA.teamId,
    assigneeId: orgA.users.technician.id,
    jobCount: 1,
  });
  jobId = world.jobIds[0]!;
  const passwordHash = await hashPassword(TEST_PASSWORD);
  await writeInOrg(t.db, orgA.id, async (tx, rec) => {
    const teamB = await createTeam(tx, rec, { orgId: orgA.id, name: 'Team B' });
    const make = async (name: string) => {
      const user = await createUser(tx, rec, {
        orgId: orgA.id,
        teamId: teamB.id,
        name,
        email: `${name.toLowerCase()}-${randomUUID().slice(0, 6)}@b-team.test`,
        role: 'technician',
        passwordHash,
      });
      return { id: user.id, email: user.email, orgId: orgA.id };
    };
    newTech = await make('Bogna');
    bystander = await make('Cezary');
    // Team A's technician wrote the handoff note; then the office moved the job to Team B's Bogna.
    await tx.insert(jobMessages).values({
      id: randomUUID(),
      orgId: orgA.id,
      jobId,
      authorId: orgA.users.technician.id,
      kind: 'handoff',
      body: 'Valve left closed, key under the mat',
    });
    await tx.update(jobs).set({ teamId: teamB.id, assigneeId: newTech.id }).where(eq(jobs.id, jobId));
  });
});
afterAll(async () => t.close());

async function askAs(user: { id: string; email: string; orgId: string }, id = jobId) {
  return t.app.inject({ method: 'GET', url: `/api/jobs/${id}/people`, headers: await sessionFor(t.db, user) });
}

describe('GET /api/jobs/:id/people', () => {
  it('names the earlier team’s people to the technician the job was handed to', async () => {
    const response = await askAs(newTech);
    expect(response.statusCode, response.body).toBe(200);
    const { people } = jobPeopleSchema.parse(response.json());
    expect(people).toEqual(
      expect.arrayContaining([
        { id: t.fixtures.orgA.users.technician.id, name: 'technician' },
        { id: newTech.id, name: 'Bogna' },
      ]),
    );
    // Only the job's people: not the rest of the organization.
    expect(people.map((p) => p.id)).not.toContain(bystander.id);
    expect(people.map((p) => p.id)).not.toContain(t.fixtures.orgA.users.lead.id);
  });

  it('answers only someone who sees the job, as its thread and report do', async () => {
    expect((await askAs(bystander)).statusCode).toBe(404);
    expect((await askAs(t.fixtures.orgB.users.admin)).statusCode).toBe(404);
    expect((await askAs(newTech, randomUUID())).statusCode).toBe(404);
    expect((await askAs(t.fixtures.orgA.users.office)).statusCode).toBe(200);
  });
});
