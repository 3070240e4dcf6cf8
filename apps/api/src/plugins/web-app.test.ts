import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POKE_CHANNEL } from '@lastmile/sync/server';
import { createTestApp, sessionFor, type Credentials, type TestApp } from '../test/test-app.ts';
import { createWebDist, type WebDist } from '../test/web-dist.ts';
import { ROBOTS_TXT } from './web-app.ts';

let t: TestApp;
let web: WebDist;
let office: Credentials;

beforeAll(async () => {
  web = createWebDist();
  t = await createTestApp({ webDist: web.dir });
  office = await sessionFor(t.db, t.fixtures.orgA.users.office);
});
afterAll(async () => {
  await t.close();
  web.remove();
});

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('compression', () => {
  it('sends API JSON as brotli or gzip, whichever the browser prefers and the server has', async () => {
    const plain = await get('/api/docs/json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await get('/api/docs/json', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toContain('accept-encoding');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gzip = await get('/api/docs/json', { 'accept-encoding': 'gzip;q=1, br;q=0.5' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
  });

  it('serves the build’s precompressed copy of a hashed asset, with the asset’s type and caching', async () => {
    for (const [encoding, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      const response = await get(web.script.url, { 'accept-encoding': encoding });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      // The file from the build, not one compressed on the way out (that one has no length).
      expect(response.headers['content-length']).toBe(String(web.script.sizes[encoding]));
      expect(response.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers['vary']).toContain('accept-encoding');
      expect(decode(response.rawPayload).toString()).toBe(web.script.text);
    }
    const identity = await get(web.script.url);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body).toBe(web.script.text);
  });

  it('compresses files without a precompressed copy as it sends them, and never images', async () => {
    const sw = await get('/sw.js', { 'accept-encoding': 'br' });
    expect(sw.headers['content-encoding']).toBe('br');
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(sw.rawPayload).toString()).toContain('addEventListener');
    const icon = await get('/icons/favicon-32.png', { 'accept-encoding': 'br, gzip' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-encoding']).toBeUndefined();
  });

  it('leaves the poke stream uncompressed, and its pokes still arrive at once', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    expect(address).toContain(String(port));
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      httpRequest(
        { host: '127.0.0.1', port, path: '/api/sync/poke', headers: { ...office, 'accept-encoding': 'br, gzip' } },
        resolve,
      )
        .on('error', reject)
        .end();
    });
    try {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.headers['content-security-policy']).toBeDefined();
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      const pokes = () => (text.match(/event: poke/g) ?? []).length;
      await expect.poll(pokes).toBe(1);
      await t.db.execute(sql`select pg_notify(${POKE_CHANNEL}, ${t.fixtures.orgA.id})`);
      await expect.poll(pokes, { timeout: 2000 }).toBe(2);
    } finally {
      response.destroy();
    }
  });
});

describe('paths that are not pages', () => {
  it('answers /robots.txt as text: only the sign-in page at / may be indexed', async () => {
    const response = await get('/robots.txt');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.body).toBe(ROBOTS_TXT);
    expect(response.body).toContain('Disallow: /\n');
  });

  it('answers a missing file with 404, not the app’s HTML', async () => {
    for (const url of ['/assets/index-old00000.js', '/apple-touch-icon.png', '/.well-known/change-password']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toMatch(/application\/json/);
    }
    const favicon = await get('/favicon.ico');
    expect(favicon.statusCode).toBe(301);
    expect(favicon.headers['location']).toBe('/icons/favicon-32.png');
  });

  it('still answers client-side routes with index.html', async () => {
    const response = await get('/office/jobs/123/edit');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('<div id="root">');
  });
});
