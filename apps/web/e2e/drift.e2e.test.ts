import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newId } from '@lastmile/domain';
import { axeViolations } from './a11y-checks.ts';
import { apiDevice, DEMO_USERS, formField, mainHeading, signIn, useE2eSuite } from './harness/index.ts';

const suite = useE2eSuite();

/** "2 of 5 reviewed jobs were sent back at least once (40 %)." → [2, 5] */
async function sendBackFigure(page: Page): Promise<[number, number]> {
  const section = page.getByRole('region', { name: 'Sent back for correction' });
  const text = (await section.locator('.drift__figure').textContent()) ?? '';
  const match = /(\d+) of (\d+) reviewed jobs/.exec(text);
  return match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
}

/** The comment count the dashboard shows for a field label, 0 when the field is not listed. */
async function commentsOn(page: Page, label: string): Promise<number> {
  const section = page.getByRole('region', { name: 'Fields reviewers comment on when sending back' });
  const row = section.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
  if ((await row.count()) === 0) return 0;
  return Number((await row.first().locator('td').nth(1).textContent())?.replace(/\D/g, '') ?? NaN);
}

describe('the drift dashboard', () => {
  it('shows a send back made in the test in the send-back rate and the commented fields, as charts and tables', async () => {
    // A form of two fields, for the job types; a technician submits a job with "Gas rate" left empty.
    const office = await apiDevice(suite.server().url, DEMO_USERS.office);
    const post = async <T>(method: string, path: string, body: unknown): Promise<T> => {
      const res = await office.request(path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const definition = {
      sections: [
        {
          key: 'checks',
          title: 'Checks',
          visibleWhen: null,
          fields: [
            formField('burner_pressure', 'Burner pressure', 'shortText'),
            formField('gas_rate', 'Gas rate', 'shortText'),
          ],
        },
      ],
    };
    const templateId = (await post<{ id: string }>('POST', '/api/form-templates', { name: 'Drift check', definition }))
      .id;
    const versionId = (await post<{ id: string }>('POST', `/api/form-templates/${templateId}/publish`, {})).id;
    // The dashboard's default period ends where tomorrow starts: a job of today or earlier.
    const now = new Date();
    const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
    let technician: Awaited<ReturnType<typeof apiDevice>> | undefined;
    let job: Awaited<ReturnType<Awaited<ReturnType<typeof apiDevice>>['jobs']>>[number] | undefined;
    for (let i = 1; i <= 6 && !job; i++) {
      technician = await apiDevice(suite.server().url, `tech${i}@demo.lastmile.app`);
      job = (await technician.jobs()).find((j) => j.status === 'scheduled' && Date.parse(j.scheduledStart) < tomorrow);
    }
    expect(job, 'a demo technician has a job scheduled today or earlier').toBeDefined();
    await post('PUT', `/api/job-types/${job!.jobTypeId}/form-rules`, {
      templateId,
      keyFields: ['burner_pressure'],
      requiredFields: [],
    });
    const responseId = newId();
    const at = new Date().toISOString();
    for (const [name, args] of [
      ['transitionJob', { jobId: job!.id, to: 'in_progress' }],
      ['startForm', { id: responseId, jobId: job!.id, templateVersionId: versionId }],
      ['setAnswer', { responseId, fieldKey: 'burner_pressure', value: '20 mbar', capturedAt: at }],
      ['submitForm', { responseId }],
      ['transitionJob', { jobId: job!.id, to: 'completed' }],
      ['transitionJob', { jobId: job!.id, to: 'submitted' }],
    ] as const) {
      const pushed = await technician!.push(name, args);
      expect(pushed.results[0], name).toMatchObject({ status: 'applied' });
    }
    const label = 'Burner pressure';

    const { page } = await suite.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, DEMO_USERS.office);
    await expect.poll(() => mainHeading(page)).toBe('All jobs');
    await page.getByRole('navigation', { name: 'Office' }).getByRole('link', { name: 'Drift' }).click();
    await expect.poll(() => mainHeading(page)).toBe('Drift');
    await page.getByRole('region', { name: 'Sent back for correction' }).locator('.drift__figure').waitFor();
    const [sentBefore, reviewedBefore] = await sendBackFigure(page);
    const commentsBefore = await commentsOn(page, label);

    const skipped = page.getByRole('region', { name: 'Fields left empty or answered N/A' });
    await expect
      .poll(() => skipped.getByRole('row').filter({ hasText: 'Gas rate' }).textContent())
      .toContain('1 of 1 forms');
    const result = await office.push('reviewJob', {
      id: newId(),
      jobId: job!.id,
      round: 1,
      decision: 'sent_back',
      comment: 'Please check this reading again',
      fieldComments: [{ responseId, fieldKey: 'burner_pressure', entryIndex: null, comment: 'Re-measure' }],
    });
    expect(result.results[0]?.status).toBe('applied');

    await page.reload();
    await expect.poll(() => sendBackFigure(page), { timeout: 15_000 }).toEqual([sentBefore + 1, reviewedBefore + 1]);
    expect(await commentsOn(page, label)).toBe(commentsBefore + 1);
    // Each chart is one image named for what it shows; its numbers are in the table beside it.
    expect(await page.getByRole('img', { name: 'By technician' }).count()).toBe(1);
    const byTechnician = page
      .getByRole('region', { name: 'Sent back for correction' })
      .getByRole('table')
      .first()
      .getByRole('link')
      .first();
    expect(await byTechnician.getAttribute('href')).toMatch(
      /^\/\?assigneeId=[0-9a-f-]{36}&fromDay=\d{4}-\d\d-\d\d&toDay=/,
    );
    expect(await axeViolations(page)).toEqual([]);

    // The figure's link opens the jobs table with that technician and period already filtered.
    await byTechnician.click();
    await expect.poll(() => mainHeading(page)).toBe('All jobs');
    await expect.poll(() => page.getByRole('button', { name: /^Technician:/ }).textContent()).not.toContain('Any');
  });

  it('tells a technician the dashboard is not for their role', async () => {
    const { page } = await suite.newPage();
    await signIn(page, DEMO_USERS.technician);
    await page.goto('/drift');
    await expect.poll(() => mainHeading(page)).not.toBe('Drift');
    expect(await page.getByRole('region', { name: 'Sent back for correction' }).count()).toBe(0);
  });
});
