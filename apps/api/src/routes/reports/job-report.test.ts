import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobReportSchema } from '@lastmile/domain';
import { writeInOrg } from '@lastmile/sync/server';
import { createBlobStore } from '../../attachments/storage/create-blob-store.ts';
import {
  attachments,
  formAnswers,
  formResponses,
  jobs,
  outstandingItems,
  reviewRounds,
  users,
} from '../../db/schema/index.ts';
import { createCustomer } from '../../services/create-customer.ts';
import { createJob } from '../../services/create-job.ts';
import { createJobType } from '../../services/create-job-type.ts';
import { createSite } from '../../services/create-site.ts';
import { createTemplate, publishTemplate } from '../../services/form-templates.ts';
import { readPdf } from '../../test/pdf-content.ts';
import { createTestApp, sessionFor, type TestApp } from '../../test/test-app.ts';

const TECHNICIAN = 'Łukasz Żółć';
const ADDRESS = 'ul. Świętokrzyska 12, 80-001 Gdańsk';
const definition = {
  sections: [
    {
      key: 'checks',
      title: 'Boiler checks',
      fields: [
        { key: 'pressure', label: 'System pressure', type: 'number', unit: 'bar', min: 0, max: 4, decimals: 1 },
        { key: 'flue', label: 'Flue integrity', type: 'passFail' },
        {
          key: 'flue_note',
          label: 'What is wrong with the flue',
          type: 'shortText',
          visibleWhen: { match: 'all', conditions: [{ field: 'flue', op: 'equals', value: 'fail' }] },
        },
        { key: 'co_ppm', label: 'Flue gas CO', type: 'number', unit: 'ppm', min: 0, max: 100, decimals: 0 },
        { key: 'remarks', label: 'Remarks', type: 'longText' },
        { key: 'flue_photos', label: 'Photos of the flue', type: 'photos' },
      ],
    },
    {
      key: 'rooms',
      title: 'Radiators',
      fields: [
        {
          key: 'radiators',
          label: 'Radiator',
          type: 'group',
          fields: [
            { key: 'room', label: 'Room', type: 'shortText' },
            { key: 'ok', label: 'Heats evenly', type: 'passFail' },
          ],
        },
      ],
    },
    { key: 'sign', title: 'Sign-off', fields: [{ key: 'signature', label: 'Customer signature', type: 'signature' }] },
  ],
};

let t: TestApp;
const refs = { jobId: '', responseId: '', photoId: '', signatureId: '' };

beforeAll(async () => {
  t = await createTestApp();
  const orgId = t.fixtures.orgA.id;
  const { technician, office } = t.fixtures.orgA.users;
  await t.db.update(users).set({ name: TECHNICIAN }).where(eq(users.id, technician.id));
  await writeInOrg(t.db, orgId, async (tx, rec) => {
    const customer = await createCustomer(tx, rec, { orgId, name: 'Zakład Wodociągów', phone: null, email: null });
    const site = await createSite(tx, rec, {
      orgId,
      customerId: customer.id,
      name: 'Kotłownia',
      address: ADDRESS,
      lat: null,
      lng: null,
      accessNotes: '',
    });
    const type = await createJobType(tx, rec, {
      orgId,
      name: 'Gas safety',
      defaultDurationMinutes: 60,
      keyFields: [],
      templateId: null,
    });
    const template = await createTemplate(tx, { orgId, userId: office.id, name: 'Gas safety record', definition });
    const version = await publishTemplate(tx, rec, { orgId, userId: office.id, id: template.id });
    const job = await createJob(tx, rec, {
      orgId,
      jobTypeId: type.id,
      customerId: customer.id,
      siteId: site.id,
      teamId: t.fixtures.orgA.teamId,
      assigneeId: technician.id,
      priority: 'normal',
      scheduledStart: new Date('2030-01-02T08:00:00Z'),
      scheduledEnd: new Date('2030-01-02T09:00:00Z'),
      title: 'Annual gas safety check',
      notes: '',
      externalRef: null,
      createdBy: office.id,
    });
    refs.jobId = job.id;
    refs.responseId = randomUUID();
    refs.photoId = randomUUID();
    refs.signatureId = randomUUID();
    await tx.insert(formResponses).values({
      id: refs.responseId,
      orgId,
      jobId: job.id,
      templateId: template.id,
      templateVersionId: version.id,
      status: 'submitted',
      createdBy: technician.id,
      submittedAt: new Date('2030-01-02T08:50:00Z'),
      submittedBy: technician.id,
    });
    const answer = (fieldKey: string, value: unknown) => ({
      responseId: refs.responseId,
      fieldKey,
      orgId,
      value: value as never,
      answeredBy: technician.id,
      capturedAt: new Date('2030-01-02T08:30:00Z'),
    });
    await tx.insert(formAnswers).values([
      answer('pressure', 1.5),
      answer('flue', 'pass'),
      answer('flue_note', 'stale note from before the flue passed'),
      answer('co_ppm', 180),
      answer('remarks', 'Kocioł sprawny — ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ'),
      answer('flue_photos', [refs.photoId]),
      answer('radiators', [
        { room: 'Kitchen', ok: 'pass' },
        { room: 'Hall', ok: 'fail' },
      ]),
      answer('signature', refs.signatureId),
    ]);
    await tx.insert(outstandingItems).values({
      id: randomUUID(),
      orgId,
      title: 'Replace the expansion vessel',
      description: 'Pressure drops overnight',
      jobId: job.id,
      siteId: site.id,
      priority: 'high',
      status: 'open',
      createdBy: technician.id,
    });
  });
  const blobs = createBlobStore(t.config);
  const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366aa' } })
    .jpeg()
    .toBuffer();
  const signature = await sharp({ create: { width: 300, height: 100, channels: 4, background: '#00000000' } })
    .png()
    .toBuffer();
  const attachment = (id: string, fieldKey: string, bytes: Buffer, contentType: string) => ({
    id,
    orgId,
    kind: 'answer' as const,
    jobId: refs.jobId,
    responseId: refs.responseId,
    fieldKey,
    contentType,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    width: 64,
    height: 48,
    caption: fieldKey === 'flue_photos' ? 'Flue terminal — północ' : '',
    capturedBy: technician.id,
    capturedAt: new Date('2030-01-02T08:40:00Z'),
    state: 'available' as const,
    storageKey: `${orgId}/${id}`,
  });
  await t.db
    .insert(attachments)
    .values([
      attachment(refs.photoId, 'flue_photos', photo, 'image/jpeg'),
      attachment(refs.signatureId, 'signature', signature, 'image/png'),
    ]);
  await blobs.putBytes(`${orgId}/${refs.photoId}`, photo, 'image/jpeg');
  await blobs.putBytes(`${orgId}/${refs.signatureId}`, signature, 'image/png');
  await t.db.update(jobs).set({ status: 'approved' }).where(eq(jobs.id, refs.jobId));
  await t.db.insert(reviewRounds).values({
    id: randomUUID(),
    orgId,
    jobId: refs.jobId,
    round: 1,
    stage: 'office',
    decision: 'approved',
    reviewerId: office.id,
    comment: 'Wszystko w porządku',
  });
});
afterAll(async () => {
  await t.close();
});

async function get(url: string, who: keyof TestApp['fixtures']['orgA']['users'] | 'otherOrg', headers = {}) {
  const user = who === 'otherOrg' ? t.fixtures.orgB.users.admin : t.fixtures.orgA.users[who];
  return t.app.inject({ method: 'GET', url, headers: { ...(await sessionFor(t.db, user)), ...headers } });
}

describe('GET /api/jobs/:id/report.pdf', () => {
  it('is a PDF whose text holds the job, the site, the technician, the answers and the approval, Polish intact', async () => {
    const response = await get(`/api/jobs/${refs.jobId}/report.pdf`, 'office');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="J-\d+-inspection-report\.pdf"$/);
    const { text } = await readPdf(response.rawPayload);
    for (const expected of [
      'Org A',
      'Gas safety',
      TECHNICIAN,
      ADDRESS,
      'Zakład Wodociągów',
      'System pressure',
      '1.5 bar',
      'PASS',
      'FAIL',
      '180 ppm',
      'outside the expected range',
      'Kocioł sprawny — ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ',
      'Kitchen',
      'Flue terminal — północ',
      'Replace the expansion vessel',
      'APPROVED by office',
      'Wszystko w porządku',
    ]) {
      expect(text).toContain(expected);
    }
    // Template order, and the hidden follow-up's stale answer stays out.
    expect(text.indexOf('BOILER CHECKS')).toBeLessThan(text.indexOf('RADIATORS'));
    expect(text.indexOf('RADIATORS')).toBeLessThan(text.indexOf('SIGN-OFF'));
    expect(text).not.toContain('stale note');
  });

  it('embeds the photo thumbnail and the signature as images', async () => {
    const response = await get(`/api/jobs/${refs.jobId}/report.pdf`, 'office');
    const { imageCount } = await readPdf(response.rawPayload);
    expect(imageCount).toBeGreaterThanOrEqual(2);
  });

  it('is served again only when the job changed (ETag)', async () => {
    const first = await get(`/api/jobs/${refs.jobId}/report.pdf`, 'office');
    const etag = String(first.headers.etag);
    expect(first.headers['last-modified']).toBeTruthy();
    const again = await get(`/api/jobs/${refs.jobId}/report.pdf`, 'office', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    await t.db
      .update(formAnswers)
      .set({ value: 2.1, updatedAt: new Date() })
      .where(eq(formAnswers.fieldKey, 'pressure'));
    const changed = await get(`/api/jobs/${refs.jobId}/report.pdf`, 'office', { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect((await readPdf(changed.rawPayload)).text).toContain('2.1 bar');
  });
});

describe('GET /api/jobs/:id/report.json', () => {
  it('is the same data for machines, valid against the domain schema', async () => {
    const response = await get(`/api/jobs/${refs.jobId}/report.json`, 'office');
    expect(response.statusCode, response.body).toBe(200);
    const report = jobReportSchema.parse(response.json());
    expect(report.technician).toBe(TECHNICIAN);
    expect(report.site.address).toBe(ADDRESS);
    expect(report.forms[0]?.sections.map((s) => s.title)).toEqual(['Boiler checks', 'Radiators', 'Sign-off']);
    expect(report.photos.map((p) => p.id)).toEqual([refs.photoId]);
    expect(report.approval?.approvedBy).toBe('office');
    const again = await get(`/api/jobs/${refs.jobId}/report.json`, 'office', {
      'if-none-match': String(response.headers.etag),
    });
    expect(again.statusCode).toBe(304);
  });
});

describe('who may have a report', () => {
  it.each([
    ['technician', 200],
    ['lead', 200],
    ['office', 200],
    ['admin', 200],
    // Same team, not their job: like a job that does not exist.
    ['victim', 404],
    ['otherOrg', 404],
  ] as const)('%s → %i', async (who, status) => {
    for (const kind of ['pdf', 'json']) {
      const response = await get(`/api/jobs/${refs.jobId}/report.${kind}`, who);
      expect(response.statusCode, `${kind}: ${response.body.slice(0, 200)}`).toBe(status);
    }
  });

  it('refuses an anonymous caller and an id that is not a job', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/jobs/${refs.jobId}/report.pdf` })).statusCode).toBe(401);
    expect((await get(`/api/jobs/${randomUUID()}/report.pdf`, 'office')).statusCode).toBe(404);
    expect((await get(`/api/jobs/not-a-uuid/report.pdf`, 'office')).statusCode).toBe(400);
  });
});

describe('the organization on its reports', () => {
  it('draws the logo and writes times in the organization’s zone; a new logo makes a new ETag', async () => {
    const before = await get(`/api/jobs/${refs.jobId}/report.pdf`, 'office');
    const { imageCount: imagesBefore, text: textBefore } = await readPdf(before.rawPayload);
    expect(textBefore).toContain('UTC');
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const zone = await t.app.inject({
      method: 'PATCH',
      url: '/api/admin/settings/organization',
      headers: admin,
      payload: { timeZone: 'Europe/Warsaw' },
    });
    expect(zone.statusCode, zone.body).toBe(200);
    const logo = await sharp({ create: { width: 600, height: 200, channels: 3, background: '#0b5cad' } })
      .png()
      .toBuffer();
    const uploaded = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/settings/organization/logo',
      headers: admin,
      payload: { contentType: 'image/png', data: logo.toString('base64') },
    });
    expect(uploaded.statusCode, uploaded.body).toBe(200);

    const after = await get(`/api/jobs/${refs.jobId}/report.pdf`, 'office', {
      'if-none-match': String(before.headers.etag),
    });
    expect(after.statusCode).toBe(200);
    const { imageCount, text } = await readPdf(after.rawPayload);
    expect(imageCount).toBe(imagesBefore + 1);
    // Warsaw is CET or CEST; the report no longer speaks UTC.
    expect(text).toMatch(/\bCES?T\b|GMT\+[12]/);
    expect(text).not.toContain('UTC');
    const json = jobReportSchema.parse((await get(`/api/jobs/${refs.jobId}/report.json`, 'office')).json());
    expect(json.organization).toMatchObject({ timeZone: 'Europe/Warsaw', logo: { contentType: 'image/png' } });
  });
});

describe('photos of a job with two forms', () => {
  it('label each photo with its own form’s field, a repeat group’s field included', async () => {
    const orgId = t.fixtures.orgA.id;
    const { technician, office } = t.fixtures.orgA.users;
    const [base] = await t.db.select().from(jobs).where(eq(jobs.id, refs.jobId));
    const photoField = (label: string) => ({ key: 'photos', label, type: 'photos' });
    const boiler = {
      sections: [
        {
          key: 'main',
          title: 'Boiler',
          fields: [
            photoField('Boiler photos'),
            {
              key: 'rooms',
              label: 'Room',
              type: 'group',
              fields: [{ key: 'room_photo', label: 'Photo of the room', type: 'photos' }],
            },
          ],
        },
      ],
    };
    const meter = { sections: [{ key: 'main', title: 'Meter', fields: [photoField('Meter photos')] }] };
    const ids = { boiler: randomUUID(), meter: randomUUID(), room: randomUUID() };
    const jobId = await writeInOrg(t.db, orgId, async (tx, rec) => {
      const job = await createJob(tx, rec, {
        orgId,
        jobTypeId: base!.jobTypeId,
        customerId: base!.customerId,
        siteId: base!.siteId,
        teamId: t.fixtures.orgA.teamId,
        assigneeId: technician.id,
        priority: 'normal',
        scheduledStart: new Date('2030-02-02T08:00:00Z'),
        scheduledEnd: new Date('2030-02-02T09:00:00Z'),
        title: 'Two forms',
        notes: '',
        externalRef: null,
        createdBy: office.id,
      });
      const responseOf = async (name: string, definition: object, createdAt: Date) => {
        const template = await createTemplate(tx, { orgId, userId: office.id, name, definition });
        const version = await publishTemplate(tx, rec, { orgId, userId: office.id, id: template.id });
        const id = randomUUID();
        await tx.insert(formResponses).values({
          id,
          orgId,
          jobId: job.id,
          templateId: template.id,
          templateVersionId: version.id,
          status: 'draft',
          createdBy: technician.id,
          createdAt,
        });
        return id;
      };
      const first = await responseOf('Boiler form', boiler, new Date('2030-02-02T08:01:00Z'));
      const second = await responseOf('Meter form', meter, new Date('2030-02-02T08:02:00Z'));
      const photo = (id: string, responseId: string, fieldKey: string) => ({
        id,
        orgId,
        kind: 'answer' as const,
        jobId: job.id,
        responseId,
        fieldKey,
        contentType: 'image/jpeg',
        size: 1,
        sha256: 'a'.repeat(64),
        width: 64,
        height: 48,
        caption: '',
        capturedBy: technician.id,
        capturedAt: new Date('2030-02-02T08:40:00Z'),
        state: 'available' as const,
        storageKey: `${orgId}/${id}`,
      });
      await tx
        .insert(attachments)
        .values([
          photo(ids.boiler, first, 'photos'),
          photo(ids.meter, second, 'photos'),
          photo(ids.room, first, 'room_photo'),
        ]);
      return job.id;
    });
    const response = await get(`/api/jobs/${jobId}/report.json`, 'office');
    expect(response.statusCode, response.body).toBe(200);
    const labels = Object.fromEntries(jobReportSchema.parse(response.json()).photos.map((p) => [p.id, p.fieldLabel]));
    expect(labels).toEqual({
      [ids.boiler]: 'Boiler photos',
      [ids.meter]: 'Meter photos',
      [ids.room]: 'Photo of the room',
    });
  });
});
