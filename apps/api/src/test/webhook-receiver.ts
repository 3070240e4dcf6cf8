import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = { id: string; timestamp: string; signature: string; body: string; headers: IncomingHttpHeaders };

/**
 * A local endpoint for webhook tests: records every request, answers with what `answer` says
 * (given how many times it has seen this webhook-id before), after `delayMs`.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  answer: (seenBefore: number) => number = () => 204;
  delayMs = 0;
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const id = String(req.headers['webhook-id']);
        const seenBefore = this.received.filter((r) => r.id === id).length;
        this.received.push({
          id,
          timestamp: String(req.headers['webhook-timestamp']),
          signature: String(req.headers['webhook-signature']),
          body: Buffer.concat(chunks).toString('utf8'),
          headers: req.headers,
        });
        const status = this.answer(seenBefore);
        setTimeout(() => res.writeHead(status).end(), this.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/**
 * Verifies a request as a receiver would, written from the Standard Webhooks specification and
 * not from the server's code: base64 key after `whsec_`, HMAC-SHA256 of `id.timestamp.body`,
 * compared with each `v1,` signature; the timestamp within five minutes.
 */
export function verifyStandardWebhook(secret: string, r: Received, now = Date.now()): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${r.id}.${r.timestamp}.${r.body}`).digest('base64');
  const fresh = Math.abs(now / 1000 - Number(r.timestamp)) < 300;
  return fresh && r.signature.split(' ').some((s) => s === `v1,${expected}`);
}

/** Polls until `check` is true (or throws after `timeoutMs`). */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
