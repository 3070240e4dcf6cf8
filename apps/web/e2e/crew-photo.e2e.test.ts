import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  apiDevice,
  cachedSession,
  DEMO_USERS,
  go,
  localRows,
  signIn,
  useE2eSuite,
  waitForServiceWorkerControl,
} from './harness/index.ts';
import { addToCrew, setOwnPin, switchTo } from './harness/crew.ts';
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
 * A crew member's photo on a shared phone (ADR 0033, amendment 2026-12-02), in Chromium against
 * the real server: taken offline, its taker cannot be signed out of the phone while it waits
 * (the crew screen says why), and once its taker is out of the phone's crew anyway — signed out
 * of every device by the admin — the phone still sends its bytes through its own session.
 */
const suite = useE2eSuite();
const TECH = DEMO_USERS.technician; // Liam Carter, the phone's own person
const LEAD = DEMO_USERS.lead; // Dan Okafor, his lead, on the phone's crew
// The tus upload: creation (POST), where-did-it-stop (HEAD) and the rest (PATCH).
const UPLOADS = '**/api/attachments/uploads**';

/** Who the server says is signed in on the phone, asked with the phone's own cookie. */
function crewOnServer(page: Page, clientId: string): Promise<string[]> {
  return page.evaluate(async (id) => {
    const res = await fetch(`/api/auth/crew?clientId=${encodeURIComponent(id)}`);
    const body = (await res.json()) as { members: { id: string }[] };
    return body.members.map((m) => m.id);
  }, clientId);
}

describe('a crew member’s photo on a shared phone', () => {
  it('holds its taker on the phone while it waits, and reaches the server after they are signed out of the phone', async () => {
    const url = suite.server().url;
    const tech = await apiDevice(url, TECH);
    const admin = await apiDevice(url, DEMO_USERS.admin);
    const job = (await tech.jobs()).find((j) => j.status === 'scheduled')!;

    const { context, page } = await suite.newPage();
    await signIn(page, TECH);
    await waitForServiceWorkerControl(page);
    await setOwnPin(page, '2468');
    await addToCrew(page, LEAD, '1357');
    const host = (await cachedSession(page))!.user.id;

    // No signal: Dan takes the phone and photographs the job.
    await context.setOffline(true);
    await switchTo(page, 'Dan Okafor', '1357');
    await go(page, `/jobs/${job.id}`);
    const section = jobPhotosSection(page);
    await pickPhotos(section, [await noisyJpeg('IMG_4001.jpg', { width: 1600, height: 1200 })]);
    await expect.poll(() => loadedThumbs(section), { timeout: 20_000 }).toBe(1);
    const [taken] = await photoStates(section);
    expect(taken?.state).toBe('waiting');
    const record = (await localRows(page, host, 'attachments')).find((r) => r.id === taken?.id)!;
    const dan = record.capturedBy;
    expect(dan).not.toBe(host);

    // Liam takes the phone back and tries to sign Dan out: not while his photo's record is unsent.
    await switchTo(page, 'Liam Carter', '2468');
    await go(page, '/crew');
    const leave = page.getByRole('button', { name: 'Sign Dan Okafor out of this phone' });
    await leave.click();
    await page.getByText('Dan Okafor has 1 change not sent yet (no connection).').waitFor();

    // Signal again, but a weak uplink stalls every upload (no answer, no error): the small sync
    // requests get through, the photo's bytes hang.
    const stalled: Route[] = [];
    await context.route(UPLOADS, (route) => void stalled.push(route));
    await context.setOffline(false);
    await expect
      .poll(async () => (await serverAttachments(tech)).get(record.id)?.['state'], { timeout: 30_000, interval: 1_000 })
      .toBe('pending');
    await expect.poll(() => stalled.length, { timeout: 30_000 }).toBeGreaterThan(0);
    // Signing out waits for the hanging upload, saying so and taking no second tap, but not for
    // ever: after its bounded wait it tells Liam what is still waiting.
    await leave.click();
    await page.getByText('Sending Dan Okafor’s changes and photos before signing them out…').waitFor();
    expect(await leave.isDisabled()).toBe(true);
    await page
      .getByText(
        'Dan Okafor has 1 photo not uploaded yet (no connection). They stay on this phone until it is uploaded.',
      )
      .waitFor({ timeout: 45_000 });
    expect(await leave.isDisabled()).toBe(false);
    await expect.poll(() => pendingSummary(page)).toContain('1 photo to upload');

    // Dan is signed out of every device meanwhile (the admin's "sign out everywhere"), this
    // phone's crew included, while his photo's bytes are still only on the phone.
    const audit = (await (await admin.request(`/api/audit/jobs/${job.id}`)).json()) as {
      events: { action: string; clientId: string }[];
    };
    const clientId = audit.events.find((e) => e.action === 'addAttachment')!.clientId;
    expect(await crewOnServer(page, clientId)).toContain(dan);
    const revoked = await admin.request(`/api/admin/sessions/revoke-user/${dan}`, { method: 'POST' });
    expect(revoked.status).toBe(200);
    expect(await crewOnServer(page, clientId)).not.toContain(dan);
    expect((await serverAttachments(tech)).get(record.id)?.['state']).toBe('pending');

    // The uplink recovers. The queue sends again at its next try (its backoff after the cut-off
    // attempts), which a sync round starts: "Sync now", as the person would tap it.
    const answers: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/attachments/uploads'))
        answers.push(`${response.request().method()} ${response.status()}`);
    });
    for (const route of stalled) await route.abort('connectionreset').catch(() => undefined);
    await context.unroute(UPLOADS);
    const syncNow = page.getByRole('button', { name: 'Sync now' });
    await expect
      .poll(
        async () => {
          await syncNow.click();
          return (await serverAttachments(tech)).get(record.id)?.['state'];
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBe('available');

    // Sent by the phone's own session for a person no longer on its crew, and not refused: the whole
    // photo, after asking where it stopped (nothing there yet) when the cut-off attempt had left
    // the phone an upload address — whether it had depends on when the cut came (CI saw both).
    expect(answers.at(-1)).toBe('POST 201');
    expect(answers.slice(0, -1).every((a) => a === 'HEAD 404')).toBe(true);
    const served = await serverPhoto(tech, record.id);
    expect(served.status).toBe(200);
    expect(served.type).toBe('image/jpeg');
    expect(served.bytes.length).toBe(record.size);
    expect(served.sha256).toBe(record.sha256);
    expect((await serverAttachments(tech)).get(record.id)).toMatchObject({
      state: 'available',
      sha256: record.sha256,
      size: record.size,
      capturedBy: dan,
      jobId: job.id,
    });
    await expect.poll(() => pendingSummary(page), { timeout: 20_000 }).toBe('All changes synced');
  }, 180_000);
});
