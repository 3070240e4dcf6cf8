import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newId, type JobRow } from '@lastmile/domain';
import {
  apiDevice,
  cachedSession,
  DEMO_USERS,
  localRows,
  signIn,
  useE2eSuite,
  waitForServiceWorkerControl,
} from './harness/index.ts';
import {
  jobPhotosSection,
  loadedThumbs,
  noisyJpeg,
  pendingSummary,
  photoStates,
  pickPhotos,
  serverAttachments,
  serverPhoto,
  sha256,
  thumbs,
} from './harness/photos.ts';

/**
 * Photos on the job screen (issue 9), in real Chromium against the real server: taken offline,
 * kept through a reload, uploaded by tus when the signal is back — resumed from the server's
 * offset after the server itself crashed — and seen by the office.
 */
const suite = useE2eSuite();
const synced = (page: Page, timeout = 30_000) =>
  expect.poll(() => pendingSummary(page), { timeout }).toBe('All changes synced');

/** A scheduled job of this person's, not yet used by another test in this file. */
const used = new Set<string>();
async function freshJob(email: string): Promise<JobRow> {
  const job = (await (await apiDevice(suite.server().url, email)).jobs()).find(
    (j) => j.status === 'scheduled' && !used.has(j.id),
  );
  if (!job) throw new Error(`no scheduled job left for ${email}`);
  used.add(job.id);
  return job;
}

async function openJob(page: Page, jobId: string): Promise<void> {
  await page.goto(`/jobs/${jobId}`);
  await jobPhotosSection(page)
    .getByRole('heading', { name: /^Photos/ })
    .waitFor({ timeout: 20_000 });
}

const fileSize = (path: string) => statSync(path, { throwIfNoEntry: false })?.size ?? 0;

describe('photos on the job screen', () => {
  it('keeps ten photos taken offline through a reload, says they are only on this phone, and uploads every one', async () => {
    const files = await Promise.all(Array.from({ length: 10 }, (_, i) => noisyJpeg(`IMG_${1001 + i}.jpg`)));
    const { context, page } = await suite.newPage();
    await signIn(page, DEMO_USERS.technician);
    await waitForServiceWorkerControl(page);
    const job = await freshJob(DEMO_USERS.technician);
    await openJob(page, job.id);
    const section = jobPhotosSection(page);

    await context.setOffline(true);
    await pickPhotos(section, files);
    // Thumbnails from this phone's own copies, with no network at all.
    await expect.poll(() => loadedThumbs(section), { timeout: 30_000 }).toBe(10);
    const taken = await photoStates(section);
    expect(taken.map((p) => p.state)).toEqual(Array(10).fill('waiting'));
    const onPhone = async () => {
      await expect
        .poll(() => section.getByTestId('photos-on-phone').textContent(), { timeout: 10_000 })
        .toBe('10 photos are still only on this phone');
      await expect.poll(() => pendingSummary(page), { timeout: 10_000 }).toContain('10 photos to upload');
    };
    await onPhone();

    // Still offline: the shell from the service worker, the photos from IndexedDB.
    await page.reload();
    await openJob(page, job.id);
    await expect.poll(() => loadedThumbs(section), { timeout: 10_000 }).toBe(10);
    expect(await photoStates(section)).toEqual(taken);
    await onPhone();
    const userId = (await cachedSession(page))!.user.id;
    const recorded = new Map((await localRows(page, userId, 'attachments')).map((r) => [r.id, r.sha256]));

    await context.setOffline(false);
    await synced(page, 60_000);
    await expect
      .poll(async () => (await photoStates(section)).map((p) => p.state), { timeout: 10_000 })
      .toEqual(Array(10).fill('uploaded'));
    expect(await section.getByTestId('photos-on-phone').count()).toBe(0);

    const tech = await apiDevice(suite.server().url, DEMO_USERS.technician);
    const records = await serverAttachments(tech);
    for (const { id } of taken) {
      const served = await serverPhoto(tech, id);
      expect(served.status).toBe(200);
      expect(served.type).toBe('image/jpeg');
      expect(served.sha256).toBe(recorded.get(id));
      expect(records.get(id)).toMatchObject({ state: 'available', sha256: served.sha256, jobId: job.id });
    }
  });

  it('resumes an upload cut off by a server crash from the offset the server kept, not from zero', async () => {
    const server = suite.server();
    const technician = 'tech3@demo.lastmile.app';
    const job = await freshJob(technician);
    // Full-range noise at high quality: the processed copy stays well over a megabyte.
    const photo = await noisyJpeg('IMG_2001.jpg', { amplitude: 256, quality: 90 });
    const { context, page } = await suite.newPage();
    await signIn(page, technician);
    await openJob(page, job.id);
    const section = jobPhotosSection(page);

    // A slow uplink, so the crash lands in the middle of the upload.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const uplink = (bytesPerSecond: number) =>
      cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: bytesPerSecond,
      });
    await uplink(256 * 1024);

    // Every upload request the page makes: when it started, and whether it got an answer (observed, not altered).
    type Sent = { method: string; offset: string | undefined; afterCrash: boolean; answered: boolean | null };
    const sent = new Map<Request, Sent>();
    let crashed = false;
    const isUpload = (request: Request) => request.url().includes('/api/attachments/uploads');
    page.on('request', (request) => {
      if (isUpload(request))
        sent.set(request, {
          method: request.method(),
          offset: request.headers()['upload-offset'],
          afterCrash: crashed,
          answered: null,
        });
    });
    const settle = (answered: boolean) => (request: Request) => {
      const entry = sent.get(request);
      if (entry) entry.answered = answered;
    };
    page.on('requestfinished', settle(true));
    page.on('requestfailed', settle(false));

    await pickPhotos(section, [photo]);
    await expect.poll(() => loadedThumbs(section), { timeout: 20_000 }).toBe(1);
    const id = (await thumbs(section).first().getAttribute('data-photo-id'))!;
    const userId = (await cachedSession(page))!.user.id;
    const record = (await localRows(page, userId, 'attachments')).find((r) => r.id === id)!;
    expect(record.size).toBeGreaterThan(1_000_000);

    // Part of the photo is on the server's disk: kill -9, nothing flushed, nothing said goodbye.
    const partial = join(server.dataDir, 'uploads', id);
    await expect.poll(() => fileSize(partial), { timeout: 30_000 }).toBeGreaterThan(record.size / 5);
    crashed = true;
    await server.kill('SIGKILL');
    const landed = fileSize(partial);
    expect(landed).toBeLessThan(record.size);
    await uplink(-1);
    await server.restart();

    // By itself (no reload, no button): the queue asks the server where it stopped and sends the rest.
    await expect.poll(async () => (await photoStates(section))[0]?.state, { timeout: 60_000 }).toBe('uploaded');
    const requests = [...sent.values()];
    // The upload had started: creation with the first bytes, cut off by the crash.
    expect(requests.filter((r) => !r.afterCrash && r.method !== 'HEAD').map((r) => [r.method, r.answered])).toEqual([
      ['POST', false],
    ]);
    // After it: where did you stop? Then the rest from there, never a new upload from zero.
    const after = requests.filter((r) => r.afterCrash && r.answered);
    expect(after.map((r) => r.method)).toEqual(['HEAD', 'PATCH']);
    expect(Number(after[1]!.offset)).toBe(landed);
    expect(requests.some((r) => r.afterCrash && (r.method === 'POST' || r.offset === '0'))).toBe(false);

    const served = await serverPhoto(await apiDevice(server.url, technician), id);
    expect(served.status).toBe(200);
    expect(served.bytes.length).toBe(record.size);
    expect(served.sha256).toBe(record.sha256);
    await synced(page);
  });

  it("shows the office a technician's uploaded photo as a thumbnail, full size on click, with who took it", async () => {
    const url = suite.server().url;
    const job = await freshJob(DEMO_USERS.technician);
    const tech = await apiDevice(url, DEMO_USERS.technician);
    const { buffer } = await noisyJpeg('boiler.jpg', { width: 1600, height: 1200 });
    const id = newId();
    await tech.push('addAttachment', {
      id,
      kind: 'job',
      jobId: job.id,
      itemId: null,
      messageId: null,
      responseId: null,
      fieldKey: null,
      contentType: 'image/jpeg',
      size: buffer.length,
      sha256: sha256(buffer),
      width: 1600,
      height: 1200,
      caption: 'Pressure gauge',
      location: null,
      capturedAt: new Date().toISOString(),
    });
    // The bytes by tus, in one request (creation with upload), as the phone sends them.
    const upload = await tech.request('/api/attachments/uploads', {
      method: 'POST',
      headers: {
        'tus-resumable': '1.0.0',
        'upload-length': String(buffer.length),
        'upload-metadata': `attachmentId ${Buffer.from(id).toString('base64')}`,
        'content-type': 'application/offset+octet-stream',
      },
      body: new Uint8Array(buffer),
    });
    expect(upload.status).toBe(201);

    const { page } = await suite.newPage();
    await signIn(page, DEMO_USERS.office);
    await openJob(page, job.id);
    const section = jobPhotosSection(page);
    await expect.poll(() => loadedThumbs(section), { timeout: 20_000 }).toBe(1);
    expect(await photoStates(section)).toEqual([{ id, state: 'uploaded' }]);
    const thumb = thumbs(section).first();
    expect(await thumb.locator('img').getAttribute('src')).toBe(`/api/attachments/${id}/thumbnail`);
    expect(await thumb.getAttribute('title')).toMatch(/^Taken by Liam Carter, /);

    await thumb.getByRole('button', { name: 'Open photo 1 of 1: Pressure gauge' }).click();
    const viewer = page.getByRole('dialog', { name: 'Photo 1 of 1' });
    const full = viewer.getByTestId('photo-full');
    expect(await full.getAttribute('src')).toBe(`/api/attachments/${id}`);
    await expect.poll(() => full.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1600);
    expect(await viewer.locator('figcaption').textContent()).toMatch(/^Taken by Liam Carter, /);
  });
});
