/**
 * Renders a home screen at 360 px against a fresh demo server and saves it as
 * docs/screenshot-home.png (the README picture). Run: pnpm --filter @lastmile/web screenshot
 * [technician|lead|office] (after `pnpm --filter @lastmile/web build`; default: technician).
 */
import { fileURLToPath } from 'node:url';
import { demoDay } from './fixtures/demo-day.ts';
import {
  DEMO_USERS,
  cachedSession,
  launchBrowser,
  newPhoneContext,
  putLocalRows,
  signIn,
  startServer,
} from './harness/index.ts';

const OUT = fileURLToPath(new URL('../../../docs/screenshot-home.png', import.meta.url));

const role = (process.argv[2] ?? 'technician') as keyof typeof DEMO_USERS;
if (!(role in DEMO_USERS)) throw new Error(`Unknown role "${role}": use ${Object.keys(DEMO_USERS).join(', ')}`);

const server = await startServer();
const browser = await launchBrowser();
try {
  const context = await newPhoneContext(browser, server.url);
  const page = await context.newPage();
  await signIn(page, DEMO_USERS[role]);
  const session = await cachedSession(page);
  if (!session) throw new Error('no session cached after sign-in');

  // Use the synced jobs when sync has brought any; otherwise a fixed, plausible day.
  await page.waitForTimeout(3000);
  if ((await page.locator('.job-card').count()) === 0) {
    const name = (await page.locator('.app-header__name').textContent()) ?? 'Technician';
    const day = demoDay({
      orgId: session.org.id,
      userId: session.user.id,
      userName: name,
      teamId: session.user.teamId,
    });
    for (const [table, rows] of Object.entries(day)) {
      await putLocalRows(page, session.user.id, table as 'jobs', rows as never);
    }
    await page.reload();
    await page.locator('.job-card').first().waitFor();
  }
  // The "ready to work offline" toast and the one-time storage notice are transient; keep them out of the picture.
  for (const name of ['Dismiss', 'Got it']) {
    await page
      .getByRole('button', { name })
      .click({ timeout: 2000 })
      .catch(() => undefined);
  }
  await page.screenshot({ path: OUT });
  console.log(`saved ${OUT}`);
} finally {
  await browser.close();
  await server.stop();
}
