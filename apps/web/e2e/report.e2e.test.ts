import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { jobReportSchema } from '@lastmile/domain';
import { apiDevice, DEMO_USERS, mainHeading, signIn, useE2eSuite } from './harness/index.ts';

const suite = useE2eSuite();

describe('inspection report', () => {
  it('the office downloads the PDF of a submitted job from the job screen', async () => {
    const url = suite.server().url;
    const technician = await apiDevice(url, DEMO_USERS.technician);
    const job = (await technician.jobs()).find((j) => j.status === 'scheduled');
    if (!job) throw new Error('the demo has no scheduled job for the technician');
    const office = await apiDevice(url, DEMO_USERS.office);
    // Demo job types require their form before a submit; this one's is taken off so the test
    // needs no form filling (the report's answers are covered in apps/api's report tests).
    const rules = await office.request(`/api/job-types/${job.jobTypeId}/form-rules`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ templateId: null, keyFields: [], requiredFields: [] }),
    });
    expect(rules.status, await rules.text()).toBe(200);
    for (const to of ['in_progress', 'completed', 'submitted'] as const) {
      const result = await technician.push('transitionJob', { jobId: job.id, to });
      expect(JSON.stringify(result), JSON.stringify(result)).not.toContain('"refused"');
    }

    const { page } = await suite.newPage();
    await signIn(page, DEMO_USERS.office);
    await page.goto(`/jobs/${job.id}`);
    const customer = (await office.rows()).get(`customers:${job.customerId}`);
    await expect.poll(() => mainHeading(page), { timeout: 20_000 }).toBe(customer?.['name']);

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('link', { name: 'Download the report (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${job.number}-inspection-report.pdf`);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(1000);

    // The same report as data: it names the job's technician and its status.
    const report = jobReportSchema.parse(await (await office.request(`/api/jobs/${job.id}/report.json`)).json());
    expect(report.job.number).toBe(job.number);
    expect(report.job.status).toBe('submitted');
    expect(report.technician).toBeTruthy();
  });
});
