import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { JobRow } from '@lastmile/domain';
import { apiDevice, DEMO_USERS, signIn, useE2eSuite, waitForServiceWorkerControl } from './harness/index.ts';
import {
  jobPhotosSection,
  loadedThumbs,
  noisyJpeg,
  pendingSummary,
  photoStates,
  pickPhotos,
  serverAttachments,
  serverPhoto,
} from './harness/photos.ts';

/**
 * Photos and signatures in inspection forms (issue 9), in real Chromium against the real server
 * and its demo forms: a Heat pump form (which requires photos) submitted offline, a signature
 * drawn with the pointer, and two phones adding photos to one job offline.
 */
const suite = useE2eSuite();
const synced = (page: Page, timeout = 30_000) =>
  expect.poll(() => pendingSummary(page), { timeout }).toBe('All changes synced');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const photo = (name: string) => noisyJpeg(name, { width: 2000, height: 1500 });

/** A job of this person's of the given type, open, with no form started, not used by another test here. */
const used = new Set<string>();
async function freshJob(email: string, jobType: string): Promise<JobRow> {
  const office = await apiDevice(suite.server().url, DEMO_USERS.office);
  const rows = await office.rows();
  const type = [...rows].find(([k, r]) => k.startsWith('jobTypes:') && r['name'] === jobType)?.[1];
  const started = new Set([...rows].filter(([k]) => k.startsWith('formResponses:')).map(([, r]) => r['jobId']));
  const job = (await (await apiDevice(suite.server().url, email)).jobs()).find(
    (j) =>
      j.jobTypeId === type?.['id'] &&
      (j.status === 'scheduled' || j.status === 'in_progress') &&
      !started.has(j.id) &&
      !used.has(j.id),
  );
  if (!job) throw new Error(`no open ${jobType} job without a form left for ${email}`);
  used.add(job.id);
  return job;
}

async function openForm(page: Page, jobId: string, name: string): Promise<void> {
  await page.goto(`/jobs/${jobId}/form`);
  await page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 20_000 });
}

/** Opens a form section (a no-op when it is open already). */
async function unfold(page: Page, title: string): Promise<void> {
  const toggle = page.getByRole('button', { name: new RegExp(`^${title} \\d+/\\d+$`) });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

const field = (page: Page, key: string) => page.locator(`[data-field-key="${key}"]`);
/** Waits until the answer is in IndexedDB (its who/when line shows), so its change is queued. */
const stored = (page: Page, key: string) => field(page, key).locator('.form-field__meta').waitFor();

/** The job's form and answers as the server has them. */
async function serverForm(jobId: string) {
  const rows = await (await apiDevice(suite.server().url, DEMO_USERS.office)).rows();
  const response = [...rows].find(([k, r]) => k.startsWith('formResponses:') && r['jobId'] === jobId)?.[1];
  const answers: Record<string, unknown> = Object.fromEntries(
    [...rows]
      .filter(([k, r]) => k.startsWith('formAnswers:') && r['responseId'] === response?.['id'])
      .map(([, r]) => [r['fieldKey'], r['value']]),
  );
  return { response, answers };
}

/** Every photo id reached the server, verified, and its bytes hash to what the record says. */
async function expectOnServer(email: string, ids: readonly string[], type = 'image/jpeg'): Promise<Buffer[]> {
  const device = await apiDevice(suite.server().url, email);
  const records = await serverAttachments(device);
  const bodies: Buffer[] = [];
  for (const id of ids) {
    const served = await serverPhoto(device, id);
    expect(served.status).toBe(200);
    expect(served.type).toBe(type);
    expect(records.get(id)).toMatchObject({ state: 'available', sha256: served.sha256 });
    bodies.push(served.bytes);
  }
  return bodies;
}

describe('photos and signatures in forms', () => {
  it('submits a Heat pump form with its required photos offline; the server accepts it and the photos upload', async () => {
    const technician = 'tech2@demo.lastmile.app';
    const job = await freshJob(technician, 'Heat pump install');
    const files = await Promise.all([photo('unit.jpg'), photo('cylinder.jpg')]);
    const { context, page } = await suite.newPage();
    await signIn(page, technician);
    await waitForServiceWorkerControl(page);
    await openForm(page, job.id, 'Heat pump commissioning');

    await context.setOffline(true);
    // Key fields first (at the top), then the folded sections.
    await page.locator('#f-unit_serial').fill('ASHP-7K-20461');
    await page.locator('#f-refrigerant_charge_kg').fill('1.85');
    await field(page, 'commissioning_ok').getByRole('radio', { name: 'Pass' }).check();
    await unfold(page, 'Outdoor unit');
    await field(page, 'unit_model').getByRole('radio', { name: '7 kW' }).check();
    const installPhotos = field(page, 'install_photos');
    await pickPhotos(installPhotos, files);
    await expect.poll(() => loadedThumbs(installPhotos), { timeout: 20_000 }).toBe(2);
    await unfold(page, 'Commissioning');
    await page.locator('#f-flow_temp_c').fill('45');
    await page.locator('#f-mcs_certificate').fill('MCS-0042-7731');
    await unfold(page, 'Handover');
    await field(page, 'controls_explained').getByRole('radio', { name: 'Yes' }).check();
    await page.getByLabel('Or type the full name to sign Customer signature').fill('Marek O’Brien');
    await page.keyboard.press('Enter');
    for (const key of ['unit_serial', 'unit_model', 'refrigerant_charge_kg', 'install_photos', 'flow_temp_c'])
      await stored(page, key);
    for (const key of ['commissioning_ok', 'mcs_certificate', 'controls_explained', 'customer_signature'])
      await stored(page, key);

    // Required photos count once they are on the phone: the form goes without a connection.
    await page.getByRole('button', { name: 'Submit the form' }).click();
    await page.getByText(/read-only until it is sent back|goes to the office with the next sync/).waitFor();
    expect(await page.getByTestId('form-problems').count()).toBe(0);
    expect(await pendingSummary(page)).toContain('3 photos to upload'); // two photos and the signature
    const photoIds = (await photoStates(installPhotos)).map((p) => p.id);
    expect(photoIds).toHaveLength(2);

    await context.setOffline(false);
    await synced(page, 60_000);
    const { response, answers } = await serverForm(job.id);
    expect(response?.['status']).toBe('submitted');
    expect(answers).toMatchObject({
      unit_serial: 'ASHP-7K-20461',
      refrigerant_charge_kg: 1.85,
      install_photos: photoIds,
      commissioning_ok: 'pass',
      mcs_certificate: 'MCS-0042-7731',
    });
    expect(String(answers['customer_signature'])).toMatch(UUID);
    await expectOnServer(technician, photoIds);
    await expectOnServer(technician, [String(answers['customer_signature'])], 'image/png');
    await expect
      .poll(async () => (await photoStates(installPhotos)).map((p) => p.state))
      .toEqual(['uploaded', 'uploaded']);
    // Nothing was refused on the way.
    await page.getByTestId('sync-pending').click();
    await page.getByRole('heading', { level: 1, name: 'Changes on this phone' }).waitFor();
    await page.getByText('The server has accepted everything so far.').waitFor();
    expect(await page.getByTestId('refused-list').getByRole('listitem').count()).toBe(0);
    await page
      .getByTestId('photo-uploads')
      .getByText('Every photo taken on this phone has reached the server.')
      .waitFor();
  });

  it('keeps a signature drawn with the pointer as an uploaded PNG attachment, and shows it signed after a reload', async () => {
    const technician = 'tech3@demo.lastmile.app';
    const job = await freshJob(technician, 'Boiler service');
    const { page } = await suite.newPage();
    await signIn(page, technician);
    await openForm(page, job.id, 'Boiler service record');
    await unfold(page, 'Sign-off');

    const pad = page.getByRole('img', { name: /^Signature area for Customer signature/ });
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
    await page.mouse.down();
    for (let i = 1; i <= 24; i++) {
      const x = box.x + box.width * (0.1 + (0.8 * i) / 24);
      const y = box.y + box.height * (0.5 + 0.25 * Math.sin(i / 2));
      await page.mouse.move(x, y, { steps: 2 });
    }
    await page.mouse.up();
    await page.getByRole('img', { name: 'Signature for Customer signature: signed' }).waitFor();
    // The PNG is made and stored after the stroke ends (asynchronously): wait for the answer, not a time.
    await stored(page, 'customer_signature');
    await synced(page);

    const { answers } = await serverForm(job.id);
    const id = String(answers['customer_signature']);
    expect(id).toMatch(UUID);
    const [png] = await expectOnServer(technician, [id], 'image/png');
    expect(png!.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');

    await page.reload();
    await openForm(page, job.id, 'Boiler service record');
    await unfold(page, 'Sign-off');
    await page.getByRole('img', { name: 'Signature for Customer signature: signed' }).waitFor();
    // The saved signature is painted back onto the pad.
    const inked = () =>
      page.locator(`[data-field-key="customer_signature"] canvas`).evaluate((canvas: HTMLCanvasElement) =>
        canvas
          .getContext('2d')!
          .getImageData(0, 0, canvas.width, canvas.height)
          .data.some((v, i) => i % 4 === 3 && v > 0),
      );
    await expect.poll(inked, { timeout: 10_000 }).toBe(true);
  });

  it('keeps every photo a technician and the lead add to one job offline, in one photo field too', async () => {
    const job = await freshJob(DEMO_USERS.technician, 'Boiler service');
    const tech = await suite.newPage();
    const lead = await suite.newPage();
    const taken: string[] = [];
    const flueIds: string[] = [];
    for (const [phone, email] of [
      [tech, DEMO_USERS.technician],
      [lead, DEMO_USERS.lead],
    ] as const) {
      await signIn(phone.page, email);
      await waitForServiceWorkerControl(phone.page);
      await openForm(phone.page, job.id, 'Boiler service record');
      await unfold(phone.page, 'Flue and ventilation');
      await phone.context.setOffline(true);
    }

    for (const [phone, who] of [
      [tech, 'tech'],
      [lead, 'lead'],
    ] as const) {
      const flue = field(phone.page, 'flue_photos');
      await pickPhotos(flue, [await photo(`${who}-flue.jpg`)]);
      await expect.poll(() => loadedThumbs(flue), { timeout: 20_000 }).toBe(1);
      await stored(phone.page, 'flue_photos');
      flueIds.push(...(await photoStates(flue)).map((p) => p.id));
      // Offline to the job screen (the service worker serves the app), two more photos there.
      await phone.page.goto(`/jobs/${job.id}`);
      const section = jobPhotosSection(phone.page);
      await section.getByRole('heading', { name: /^Photos/ }).waitFor();
      await pickPhotos(section, [await photo(`${who}-1.jpg`), await photo(`${who}-2.jpg`)]);
      await expect.poll(() => loadedThumbs(section), { timeout: 20_000 }).toBe(3);
      taken.push(...(await photoStates(section)).map((p) => p.id));
    }
    expect(new Set(taken).size).toBe(6);
    expect(taken).toEqual(expect.arrayContaining(flueIds));

    for (const phone of [tech, lead]) {
      await phone.context.setOffline(false);
      await synced(phone.page, 60_000);
    }
    // Each phone lists all six, every one uploaded (the other's arrive by a poke and a pull).
    for (const phone of [tech, lead]) {
      const section = jobPhotosSection(phone.page);
      await expect
        .poll(async () => (await photoStates(section)).map((p) => `${p.id} ${p.state}`).sort(), { timeout: 20_000 })
        .toEqual(taken.map((id) => `${id} uploaded`).sort());
      await expect.poll(() => loadedThumbs(section), { timeout: 10_000 }).toBe(6);
    }
    await expectOnServer(DEMO_USERS.office, taken);

    // One photo field answered on both phones, neither having seen the other's photo: adding photos
    // is additive, so the later list (the lead's) is followed by the photo only the technician had.
    // Nothing was left out, so nothing is flagged; the earlier list is in the answer's history.
    const [techFlue, leadFlue] = flueIds;
    const responseId = String((await serverForm(job.id)).response?.['id']);
    const office = await apiDevice(suite.server().url, DEMO_USERS.office);
    const history = await office.request(`/api/form-responses/${responseId}/answers/flue_photos/history`);
    expect(await history.json()).toMatchObject({
      current: { value: [leadFlue, techFlue], conflict: false },
      history: [{ value: [techFlue], concurrent: false }],
    });
    for (const phone of [tech, lead]) {
      await openForm(phone.page, job.id, 'Boiler service record');
      await unfold(phone.page, 'Flue and ventilation');
      const flue = field(phone.page, 'flue_photos');
      await expect.poll(async () => (await photoStates(flue)).map((p) => p.id)).toEqual([leadFlue, techFlue]);
    }
  });
});
