import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './a11y-checks.ts';
import { apiDevice, DEMO_USERS, mainHeading, signIn, useE2eSuite } from './harness/index.ts';

// The server runs as in production, where private targets are refused: this receiver is on 127.0.0.1.
const suite = useE2eSuite({ env: { WEBHOOK_PRIVATE_TARGETS: 'allow' } });
type Received = { id: string; timestamp: string; signature: string; body: string };
const received: Received[] = [];
let receiver: Server;
let receiverUrl = '';

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        id: String(req.headers['webhook-id']),
        timestamp: String(req.headers['webhook-timestamp']),
        signature: String(req.headers['webhook-signature']),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/lastmile`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('webhooks', () => {
  it('an admin subscribes an endpoint, copies the secret shown once, and sees the signed delivery in the log', async () => {
    const { page } = await suite.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, 'admin@demo.lastmile.app');
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await expect.poll(() => mainHeading(page)).toBe('Webhooks');
    await page.getByLabel(/^Endpoint URL/).fill(receiverUrl);
    await page.getByLabel('Description').fill('ERP');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secretField = page.getByRole('textbox', { name: 'Signing secret' });
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_/);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await page.reload();
    await page.getByRole('heading', { name: receiverUrl }).waitFor();
    expect(await page.content()).not.toContain(secret);

    // A technician starts a job: the endpoint is told, signed with that secret.
    const technician = await apiDevice(suite.server().url, DEMO_USERS.technician);
    const job = (await technician.jobs()).find((j) => j.status === 'scheduled');
    await technician.push('transitionJob', { jobId: job!.id, to: 'in_progress' });
    // The server's worker looks for due deliveries every 2 seconds.
    await expect
      .poll(() => received.map((r) => (JSON.parse(r.body) as { type: string }).type), { timeout: 20_000 })
      .toContain('job.started');
    const started = received.find((r) => r.body.includes('"job.started"'))!;
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const mac = createHmac('sha256', key).update(`${started.id}.${started.timestamp}.${started.body}`).digest('base64');
    expect(started.signature).toBe(`v1,${mac}`);

    await page.getByRole('button', { name: 'Delivery log' }).click();
    await page.getByText('Delivered').first().waitFor();
    await expect.poll(() => page.locator('.webhook-log').textContent(), { timeout: 10_000 }).toContain('HTTP 204');
    // From the top: scrolled, the sticky header would cover the navigation's links.
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});
