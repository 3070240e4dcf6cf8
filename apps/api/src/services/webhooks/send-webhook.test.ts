import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress } from './address-guard.ts';
import { isSuccess, sendWebhook } from './send-webhook.ts';

let server: Server;
let base: string;
const seen: string[] = [];
const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/ok': (_req, res) => res.writeHead(204).end(),
  '/redirect': (_req, res) => res.writeHead(302, { location: '/elsewhere' }).end(),
  '/slow': () => undefined, // never answers
  '/huge': (_req, res) => {
    res.writeHead(200);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const write = () => {
      while (res.write(chunk));
      res.once('drain', write);
    };
    write();
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    (routes[req.url ?? ''] ?? ((_q: IncomingMessage, r: ServerResponse) => r.writeHead(404).end()))(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const allow = { timeoutMs: 2000, privateTargets: 'allow' as const };
const refuse = { timeoutMs: 2000, privateTargets: 'refuse' as const };

describe('isPrivateAddress', () => {
  it('refuses loopback, private, link-local, CGNAT, multicast and mapped addresses in IPv4 and IPv6', () => {
    for (const address of [
      '127.0.0.1',
      '127.8.9.10',
      '10.0.0.1',
      '10.255.255.255',
      '172.16.0.1',
      '172.31.255.254',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      'fc00::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::7f00:1',
      'not-an-address',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
  });

  it('lets public addresses through', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '172.32.0.1', '11.0.0.1', '2606:4700:4700::1111'])
      expect(isPrivateAddress(address), address).toBe(false);
  });
});

describe('sendWebhook', () => {
  it('POSTs the body with the headers and reports a 2xx as success', async () => {
    const result = await sendWebhook(`${base}/ok`, { 'webhook-id': 'x' }, '{}', allow);
    expect(result).toMatchObject({ status: 204, error: null });
    expect(isSuccess(result)).toBe(true);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('does not follow a redirect: the 3xx is the answer, and a failure', async () => {
    seen.length = 0;
    const result = await sendWebhook(`${base}/redirect`, {}, '{}', allow);
    expect(result.status).toBe(302);
    expect(isSuccess(result)).toBe(false);
    expect(seen).toEqual(['/redirect']);
  });

  it('gives up after the time limit', async () => {
    const result = await sendWebhook(`${base}/slow`, {}, '{}', { ...allow, timeoutMs: 300 });
    expect(result).toMatchObject({ status: null, error: 'timed out after 300 ms' });
  });

  it('reads only the start of a huge answer', async () => {
    const result = await sendWebhook(`${base}/huge`, {}, '{}', { ...allow, maxResponseBytes: 128 * 1024 });
    expect(result).toMatchObject({ status: 200, error: null });
  });

  it('refuses loopback, private and link-local targets when told to, also behind a DNS name', async () => {
    for (const url of [
      `${base}/ok`,
      'http://10.1.2.3/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      `http://localhost:${new URL(base).port}/ok`,
    ]) {
      const result = await sendWebhook(url, {}, '{}', refuse);
      expect(result.status, url).toBeNull();
      expect(result.error, url).toMatch(/^refused: .* is a private, loopback or link-local address$/);
    }
  });

  it('reports an unreachable endpoint as an error, never throws', async () => {
    const result = await sendWebhook('http://127.0.0.1:1/hook', {}, '{}', allow);
    expect(result.status).toBeNull();
    expect(result.error).toMatch(/ECONNREFUSED/);
  });
});
