import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobThreadSchema } from '@lastmile/domain';
import { writeInOrg } from '@lastmile/sync/server';
import { attachments, jobMessages } from '../../db/schema/index.ts';
import { createCustomer } from '../../services/create-customer.ts';
import { createJob } from '../../services/create-job.ts';
import { createJobType } from '../../services/create-job-type.ts';
import { createSite } from '../../services/create-site.ts';
import { createTestApp, sessionFor, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
const refs = { jobId: '', otherJobId: '', question: '', handoff: '', photo: '', pendingPhoto: '' };

beforeAll(async () => {
  t = await createTestApp();
  const orgId = t.fixtures.orgA.id;
  const { technician, office } = t.fixtures.orgA.users;
  await writeInOrg(t.db, orgId, async (tx, rec) => {
    const customer = await createCustomer(tx, rec, { orgId, name: 'Zakład Wodociągów', phone: null, email: null });
    const site = await createSite(tx, rec, {
      orgId,
      customerId: customer.id,
      name: 'Kotłownia',
      address: 'ul. Długa 1, Gdańsk',
      lat: null,
      lng: null,
      accessNotes: '',
    });
    const type = await createJobType(tx, rec, {
      orgId,
      name: 'Thread check',
      defaultDurationMinutes: 60,
      keyFields: [],
      templateId: null,
    });
    const job = (assigneeId: string | null, teamId: string | null) =>
      createJob(tx, rec, {
        orgId,
        jobTypeId: type.id,
        customerId: customer.id,
        siteId: site.id,
        teamId,
        assigneeId,
        priority: 'normal',
        scheduledStart: new Date('2030-01-02T08:00:00Z'),
        scheduledEnd: new Date('2030-01-02T09:00:00Z'),
        title: 'Thread job',
        notes: '',
        externalRef: null,
        createdBy: office.id,
      });
    refs.jobId = (await job(technician.id, t.fixtures.orgA.teamId)).id;
    // Nobody's and no team's: the office sees it, the technician and the lead do not.
    refs.otherJobId = (await job(null, null)).id;
  });
  refs.question = randomUUID();
  refs.handoff = randomUUID();
  const message = (id: string, kind: string, body: string, authorId: string, at: string) => ({
    id,
    orgId,
    jobId: refs.jobId,
    authorId,
    kind,
    body,
    createdAt: new Date(at),
  });
  await t.db.insert(jobMessages).values([
    // Inserted newest first: the thread is in the order they were written, not stored.
    message(refs.handoff, 'handoff', 'Valve left closed — key under the mat ✓', technician.id, '2030-01-02T09:10:00Z'),
    message(refs.question, 'message', 'Is this the valve you mean? @Office', office.id, '2030-01-02T08:30:00Z'),
    message(randomUUID(), 'message', 'Someone who left', randomUUID(), '2030-01-02T08:45:00Z'),
  ]);
  refs.photo = randomUUID();
  refs.pendingPhoto = randomUUID();
  const photo = (id: string, state: 'available' | 'pending') => ({
    id,
    orgId,
    kind: 'message' as const,
    jobId: refs.jobId,
    messageId: refs.question,
    contentType: 'image/jpeg',
    size: 10,
    sha256: 'x'.repeat(64),
    width: 64,
    height: 48,
    capturedBy: office.id,
    capturedAt: new Date('2030-01-02T08:30:00Z'),
    state,
    storageKey: state === 'available' ? `${orgId}/${id}` : null,
  });
  await t.db.insert(attachments).values([photo(refs.photo, 'available'), photo(refs.pendingPhoto, 'pending')]);
});
afterAll(async () => {
  await t.close();
});

async function get(url: string, who: keyof TestApp['fixtures']['orgA']['users'] | 'otherOrg') {
  const user = who === 'otherOrg' ? t.fixtures.orgB.users.admin : t.fixtures.orgA.users[who];
  return t.app.inject({ method: 'GET', url, headers: await sessionFor(t.db, user) });
}

describe('GET /api/jobs/:id/thread', () => {
  it("gives whoever sees the job its thread, oldest first, with the authors' names and uploaded photos", async () => {
    for (const who of ['technician', 'lead', 'office', 'admin'] as const) {
      const res = await get(`/api/jobs/${refs.jobId}/thread`, who);
      expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
      const thread = jobThreadSchema.parse(res.json());
      expect(thread.messages.map((m) => m.body)).toEqual([
        'Is this the valve you mean? @Office',
        'Someone who left',
        'Valve left closed — key under the mat ✓',
      ]);
      const [question, gone, handoff] = thread.messages;
      expect(question).toMatchObject({ id: refs.question, kind: 'message', author: 'office' });
      // A photo still uploading is not offered: its bytes are not there yet.
      expect(question?.photoIds).toEqual([refs.photo]);
      expect(gone?.author).toBeNull();
      expect(handoff).toMatchObject({ kind: 'handoff', photoIds: [] });
    }
  });

  it('is not found for a job the person does not see, another organization, or an unknown job; a malformed id is a 400', async () => {
    expect((await get(`/api/jobs/${refs.otherJobId}/thread`, 'technician')).statusCode).toBe(404);
    expect((await get(`/api/jobs/${refs.otherJobId}/thread`, 'lead')).statusCode).toBe(404);
    expect((await get(`/api/jobs/${refs.otherJobId}/thread`, 'office')).statusCode).toBe(200);
    expect((await get(`/api/jobs/${refs.jobId}/thread`, 'otherOrg')).statusCode).toBe(404);
    expect((await get(`/api/jobs/${randomUUID()}/thread`, 'office')).statusCode).toBe(404);
    const malformed = await get('/api/jobs/not-a-uuid/thread', 'office');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'validation' });
    expect((await t.app.inject({ method: 'GET', url: `/api/jobs/${refs.jobId}/thread` })).statusCode).toBe(401);
  });
});
