import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { formResponseIdFor, type JobRow } from '@lastmile/domain';
import {
  apiDevice,
  DEMO_USERS,
  formField,
  mainHeading,
  signIn,
  useE2eSuite,
  waitForServiceWorkerControl,
  type ApiDevice,
} from './harness/index.ts';

const suite = useE2eSuite();
const pending = (page: Page) => page.getByTestId('sync-pending').textContent();
const synced = (page: Page) => expect.poll(() => pending(page), { timeout: 20_000 }).toBe('All changes synced');

const DEFINITION = {
  sections: [
    {
      key: 'safety',
      title: 'Safety',
      visibleWhen: null,
      fields: [
        formField('co_ppm', 'Flue gas CO', 'number', { unit: 'ppm', min: 0, max: 100, decimals: 0 }),
        formField('flue_check', 'Flue check', 'passFail'),
        formField('notes', 'Notes', 'longText'),
      ],
    },
  ],
};

let templateId = '';
let office: ApiDevice;

beforeAll(async () => {
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
  templateId = (
    await json<{ id: string }>('POST', '/api/form-templates', { name: 'Flue check', definition: DEFINITION })
  ).id;
  await json('POST', `/api/form-templates/${templateId}/publish`, {});
  for (const [key] of await office.rows()) {
    if (!key.startsWith('jobTypes:')) continue;
    const rules = { templateId, keyFields: ['co_ppm'], requiredFields: [] };
    await json('PUT', `/api/job-types/${key.slice('jobTypes:'.length)}/form-rules`, rules);
  }
});

/** The technician's first submission, made over the API: a high CO reading and a failed flue check. */
async function submitWithHighReading(): Promise<{ job: JobRow; responseId: string }> {
  const technician = await apiDevice(suite.server().url, DEMO_USERS.technician);
  const job = (await technician.jobs()).find((j) => j.status === 'scheduled');
  if (!job) throw new Error('the demo has no scheduled job for the technician');
  const version = [...(await technician.rows()).values()].find(
    (r) => r['templateId'] === templateId && typeof r['version'] === 'number',
  );
  const responseId = formResponseIdFor(job.id, templateId);
  const steps: Parameters<ApiDevice['push']>[] = [
    ['transitionJob', { jobId: job.id, to: 'in_progress' }],
    ['startForm', { id: responseId, jobId: job.id, templateVersionId: String(version?.['id']) }],
    ['setAnswer', { responseId, fieldKey: 'co_ppm', value: 90, capturedAt: new Date().toISOString() }],
    ['setAnswer', { responseId, fieldKey: 'flue_check', value: 'fail', capturedAt: new Date().toISOString() }],
    ['submitForm', { responseId }],
    ['transitionJob', { jobId: job.id, to: 'completed' }],
    ['transitionJob', { jobId: job.id, to: 'submitted' }],
  ];
  for (const [name, args] of steps) {
    const result = await technician.push(name, args);
    expect(JSON.stringify(result)).not.toContain('"refused"');
  }
  return { job, responseId };
}

describe('the review loop in the browser', () => {
  it('office sends back with a field comment, the technician fixes it offline and resubmits, the office sees the change and approves', async () => {
    const { job, responseId } = await submitWithHighReading();

    // The office finds it in the queue and sends it back with a comment on the CO reading.
    const desk = await suite.newPage();
    await signIn(desk.page, DEMO_USERS.office);
    await desk.page
      .getByRole('navigation', { name: /office/i })
      .getByRole('link', { name: 'Review' })
      .click();
    await expect.poll(() => mainHeading(desk.page), { timeout: 20_000 }).toBe('Review queue');
    await desk.page.getByRole('link', { name: new RegExp(`^${job.number} · `) }).click();
    await expect.poll(() => mainHeading(desk.page), { timeout: 20_000 }).toBe(`Review of job ${job.number}`);
    const co = desk.page.locator(`[data-review-field="${responseId}|co_ppm|"]`);
    await desk.page
      .locator(`[data-review-field="${responseId}|flue_check|"]`)
      .getByText('Failed check')
      .waitFor({ timeout: 20_000 });
    await co.getByRole('button', { name: 'Comment' }).click();
    await co.getByLabel('Comment on “Flue gas CO”').fill('Clean the burner and measure again.');
    const sendBack = desk.page.getByRole('button', { name: 'Send back' });
    await sendBack.click();
    const dialog = desk.page.getByRole('dialog');
    await dialog.getByText(/returns to .* as a to-do/).waitFor();
    await dialog.getByLabel('Comment on the whole submission').fill('The CO reading is unsafe.');
    await dialog.getByRole('button', { name: 'Send back' }).click();
    await dialog.waitFor({ state: 'detached' });
    await synced(desk.page);
    // The screen's "synced" can come a moment before the server has answered the push: ask until it has.
    await expect.poll(async () => (await office.jobs()).find((j) => j.id === job.id)?.status).toBe('sent_back');

    // The technician, offline, sees the comment beside the field, fixes it and resubmits.
    const phone = await suite.newPage();
    await signIn(phone.page, DEMO_USERS.technician);
    await waitForServiceWorkerControl(phone.page);
    await phone.page.goto(`/jobs/${job.id}`);
    await phone.page.getByText('Sent back: fix and resubmit').waitFor({ timeout: 20_000 });
    await phone.context.setOffline(true);
    await phone.page.goto(`/jobs/${job.id}/form`);
    await phone.page.getByRole('heading', { level: 1, name: 'Flue check' }).waitFor({ timeout: 20_000 });
    const note = phone.page.locator('[data-review-note="co_ppm|"]');
    await expect.poll(() => note.textContent()).toBe('✎ Reviewer: Clean the burner and measure again.');
    await phone.page.getByText('The CO reading is unsafe.').waitFor();
    await phone.page.getByLabel('Flue gas CO').fill('8');
    await phone.page.locator('[data-field-key="co_ppm"] .form-field__meta').waitFor();
    await phone.page.getByRole('button', { name: 'Submit the form' }).click();
    await phone.page.getByText(/read-only until it is sent back|goes to the office with the next sync/).waitFor();
    await phone.page.goto(`/jobs/${job.id}`);
    for (const step of ['Start', 'Complete', 'Submit']) {
      await phone.page.getByRole('button', { name: step, exact: true }).click();
    }
    await phone.page.getByText('Submitted', { exact: true }).first().waitFor();
    await phone.context.setOffline(false);
    await synced(phone.page);

    // The office sees round 2, what changed, and approves with the confirmation.
    await desk.page.goto('/review');
    await expect.poll(() => mainHeading(desk.page), { timeout: 20_000 }).toBe('Review queue');
    await desk.page.getByText('Round 2 (resubmitted)').waitFor({ timeout: 20_000 });
    await desk.page.getByRole('link', { name: new RegExp(`^${job.number} · `) }).click();
    await expect.poll(() => mainHeading(desk.page), { timeout: 20_000 }).toBe(`Review of job ${job.number}`);
    await co.getByText('Changed since round 1. Was: 90 ppm').waitFor({ timeout: 20_000 });
    await co.getByText('Asked in the last round: Clean the burner and measure again.').waitFor();
    const approve = desk.page.getByRole('button', { name: 'Approve' });
    await approve.click();
    await dialog.getByText(/becomes approved and leaves the review queue/).waitFor();
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.waitFor({ state: 'detached' });
    await synced(desk.page);
    // The screen's "synced" can come a moment before the server has answered the push: ask until it has.
    await expect.poll(async () => (await office.jobs()).find((j) => j.id === job.id)?.status).toBe('approved');

    // Both rounds stay viewable.
    const rounds = desk.page.locator('.review-round summary');
    await expect
      .poll(() => rounds.allTextContents())
      .toEqual([
        expect.stringMatching(/^Round 2: approved \(office review\)/),
        expect.stringMatching(/^Round 1: sent back \(office review\)/),
      ]);
  });
});
