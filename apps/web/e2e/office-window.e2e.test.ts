import { beforeAll, describe, expect, it } from 'vitest';
import { formResponseIdFor, newId, type JobRow } from '@lastmile/domain';
import { axeViolations } from './a11y-checks.ts';
import {
  apiDevice,
  cachedSession,
  DEMO_USERS,
  formField,
  go,
  localRows,
  mainHeading,
  signIn,
  sqlWhileStopped,
  useE2eSuite,
  type ApiDevice,
} from './harness/index.ts';

/**
 * The office window (ADR 0040) with the job screen's server fallback (ADR 0041): a job approved
 * months ago leaves the office's device when the window is applied, and still opens — read only,
 * from the server — from the jobs table; offline, the screen says where the job is.
 */
const suite = useE2eSuite();

const REMARK = 'Boiler serviced; flue clear (kept on the server)';
const HANDOFF = 'Valve left closed; the key is with the site manager';
const DEFINITION = {
  sections: [
    {
      key: 'service',
      title: 'Service',
      visibleWhen: null,
      fields: [
        formField('co_ppm', 'Flue gas CO', 'number', { unit: 'ppm', min: 0, max: 100, decimals: 0 }),
        formField('flue_check', 'Flue check', 'passFail'),
        formField('remarks', 'Remarks', 'longText'),
      ],
    },
  ],
};

let job: JobRow;
let office: ApiDevice;

/** Done, submitted and approved over the API, with a filled form; then made 200 days old. */
async function approvedLongAgo(): Promise<JobRow> {
  const url = suite.server().url;
  office = await apiDevice(url, DEMO_USERS.office);
  const json = async <T>(method: string, path: string, body: unknown): Promise<T> => {
    const res = await office.request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const technician = await apiDevice(url, DEMO_USERS.technician);
  const found = (await technician.jobs()).find((j) => j.status === 'scheduled');
  if (!found) throw new Error('the demo has no scheduled job for the technician');
  const templateId = (
    await json<{ id: string }>('POST', '/api/form-templates', { name: 'Annual service', definition: DEFINITION })
  ).id;
  const versionId = (await json<{ id: string }>('POST', `/api/form-templates/${templateId}/publish`, {})).id;
  await json('PUT', `/api/job-types/${found.jobTypeId}/form-rules`, {
    templateId,
    keyFields: ['co_ppm'],
    requiredFields: [],
  });
  const responseId = formResponseIdFor(found.id, templateId);
  const capturedAt = new Date().toISOString();
  for (const [name, args] of [
    ['transitionJob', { jobId: found.id, to: 'in_progress' }],
    ['postJobMessage', { id: newId(), jobId: found.id, body: HANDOFF }],
    ['startForm', { id: responseId, jobId: found.id, templateVersionId: versionId }],
    ['setAnswer', { responseId, fieldKey: 'co_ppm', value: 12, capturedAt }],
    ['setAnswer', { responseId, fieldKey: 'flue_check', value: 'pass', capturedAt }],
    ['setAnswer', { responseId, fieldKey: 'remarks', value: REMARK, capturedAt }],
    ['submitForm', { responseId }],
    ['transitionJob', { jobId: found.id, to: 'completed' }],
    ['transitionJob', { jobId: found.id, to: 'submitted' }],
  ] as const) {
    const pushed = await technician.push(name, args);
    expect(pushed.results[0], name).toMatchObject({ status: 'applied' });
  }
  const approved = await office.push('reviewJob', {
    id: newId(),
    jobId: found.id,
    round: 1,
    decision: 'approved',
    comment: 'All in order',
    fieldComments: [],
  });
  expect(approved.results[0]).toMatchObject({ status: 'applied' });
  // Time passing is the one thing no route does: the job was last changed, and its thread last
  // written in, 200 days ago (a job still talked about stays on office devices).
  const aged = await sqlWhileStopped<{ id: string }>(
    suite.server(),
    `with thread as (update job_messages set created_at = now() - interval '200 days' where job_id = $1)
     update jobs set updated_at = now() - interval '200 days' where id = $1 and status = 'approved' returning id`,
    [found.id],
  );
  expect(aged).toEqual([{ id: found.id }]);
  return found;
}

beforeAll(async () => {
  job = await approvedLongAgo();
});

describe('a closed job that left the office device', () => {
  it('opens read only from the server, says where it is offline, and leaves jobs on the device editable', async () => {
    const { context, page } = await suite.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, DEMO_USERS.office);
    await expect.poll(() => mainHeading(page), { timeout: 20_000 }).toBe('All jobs');
    const officeId = (await cachedSession(page))?.user.id ?? '';
    const onDevice = async (id: string) =>
      (await localRows(page, officeId, 'jobs').catch(() => [])).some((j) => j.id === id);
    await expect.poll(() => onDevice(job.id), { timeout: 30_000 }).toBe(true);

    // The admin applies the window (90 days by default) now rather than at the next sweep, from
    // the settings screen, and is told what it did.
    const { page: adminPage } = await suite.newPage();
    await adminPage.setViewportSize({ width: 1280, height: 800 });
    await signIn(adminPage, DEMO_USERS.admin);
    await go(adminPage, '/admin/settings');
    const windowSection = adminPage.getByRole('region', { name: 'Closed work on office computers' });
    await windowSection.getByRole('button', { name: 'Apply now' }).click();
    await expect
      .poll(() => windowSection.getByRole('status').last().textContent(), { timeout: 20_000 })
      .toBe('Applied: 1 job leaves office computers, 0 jobs come back.');
    // Applied again, nothing more leaves: the sweep is idempotent.
    await windowSection.getByRole('button', { name: 'Apply now' }).click();
    await expect
      .poll(() => windowSection.getByRole('status').last().textContent(), { timeout: 20_000 })
      .toBe('Applied: 0 jobs leave office computers, 0 jobs come back.');
    expect(await axeViolations(adminPage)).toEqual([]);
    // The sweep's deletes reach the device by the ordinary pull (a poke, or the next sync).
    await expect
      .poll(
        async () => {
          if (await onDevice(job.id)) await page.reload();
          return onDevice(job.id);
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toBe(false);

    // The jobs table (REST) still lists it; its number opens the server's copy, read only.
    await go(page, `/?search=${encodeURIComponent(job.number)}`);
    await page.reload();
    await page.getByRole('link', { name: job.number, exact: true }).click();
    const customer = (await office.rows()).get(`customers:${job.customerId}`)?.['name'];
    await expect.poll(() => mainHeading(page), { timeout: 20_000 }).toBe(customer);
    const main = page.getByRole('main');
    await main.getByText('Closed job, kept on the server — read only.').waitFor();
    expect(await main.textContent()).toContain(`Job ${job.number}`);
    expect(await main.getByRole('definition').filter({ hasText: REMARK }).count()).toBe(1);
    expect(await main.getByText('12 ppm').count()).toBe(1);
    expect(await main.getByText('All in order').count()).toBe(1);
    // Its thread too, from the server: who wrote what.
    const thread = main.getByRole('region', { name: 'Job thread' });
    await thread.getByText(HANDOFF).waitFor({ timeout: 20_000 });
    expect(await thread.locator('.thread__meta').first().textContent()).toContain('Liam Carter');
    expect(await main.getByRole('link', { name: 'Download the report (PDF)' }).getAttribute('href')).toBe(
      `/api/jobs/${job.id}/report.pdf`,
    );
    expect(await main.getByRole('textbox').count()).toBe(0);
    expect(await main.getByRole('button').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Offline, opening it says it is not on this device and where it can be opened.
    await context.setOffline(true);
    await go(page, '/jobs');
    await go(page, `/jobs/${job.id}`);
    await expect.poll(() => mainHeading(page)).toBe('Job not on this device');
    expect(await main.textContent()).toContain('It can be opened from the server when this device is connected.');
    expect(await main.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // A job still on the device opens as always, editable, offline too.
    const local = (await localRows(page, officeId, 'jobs')).find((j) => j.status === 'scheduled');
    if (!local) throw new Error('the office device holds no scheduled job');
    await go(page, `/jobs/${local.id}`);
    const localCustomer = (await office.rows()).get(`customers:${local.customerId}`)?.['name'];
    await expect.poll(() => mainHeading(page)).toBe(localCustomer);
    expect(await main.getByRole('textbox', { name: 'Notes' }).count()).toBe(1);

    // Back online, the departed job opens from the server again without a reload.
    await go(page, `/jobs/${job.id}`);
    await expect.poll(() => mainHeading(page)).toBe('Job not on this device');
    await context.setOffline(false);
    await main.getByText('Closed job, kept on the server — read only.').waitFor({ timeout: 20_000 });
  });
});
