import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_STATUS_BY_CODE, errorBodySchema } from '@lastmile/domain';
import { buildApp } from '../app.ts';
import { testConfig } from '../test/test-app.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';

/**
 * The answers no route or hook produces — malformed HTTP rejected by Node's parser, and requests
 * that arrive while the server shuts down — still keep the error contract.
 */
let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => testDb.cleanup());

const build = () => buildApp({ db: testDb.db, config: testConfig(), listen: testDb.listen, logger: false });

/** Writes raw bytes to the server and returns everything it answers before closing. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('close', () => resolve(answer));
    // The server drops the connection right after answering; unread request bytes turn that into a reset.
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
  });
}

function parseAnswer(answer: string): { status: number; body: unknown } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), body: JSON.parse(body) };
}

describe('a request whose body stalls', () => {
  it('is answered 408 request_timeout and its connection closed, not held open for ever', async () => {
    const app = await buildApp({
      db: testDb.db,
      config: testConfig(),
      listen: testDb.listen,
      logger: false,
      requestTimeout: { ms: 500, checkEveryMs: 100 },
    });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      // A route that reads the body before anything else answers; 100 bytes announced, 9 sent, then
      // nothing: the socket stays open on the client's side.
      const head =
        'POST /api/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n';
      const { status, body } = parseAnswer(await rawExchange(port, `${head}{"email":`));
      expect(status).toBe(408);
      expect(errorBodySchema.parse(body).code).toBe('request_timeout');
    } finally {
      await app.close();
    }
  });
});

describe('malformed HTTP', () => {
  it('is answered with a documented code and its status, not Fastify’s own shape', async () => {
    const app = await build();
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      const cases = [
        { request: 'NOT HTTP AT ALL\r\n\r\n', code: 'validation' },
        {
          request: `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`,
          code: 'headers_too_large',
        },
      ];
      for (const { request, code } of cases) {
        const { status, body } = parseAnswer(await rawExchange(port, request));
        expect(errorBodySchema.parse(body).code).toBe(code);
        expect(status).toBe(HTTP_STATUS_BY_CODE[code as keyof typeof HTTP_STATUS_BY_CODE]);
      }
    } finally {
      await app.close();
    }
  });
});

describe('shutting down', () => {
  it('refuses a late request with 503 unavailable and closes the connection', async () => {
    const app = await build();
    await app.ready();
    await app.close();
    // A request already on its way when close() began reaches the router (app.routing) like this one.
    const server: Server = createServer((request, response) => app.routing(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(response.status).toBe(503);
      expect(response.headers.get('connection')).toBe('close');
      expect(errorBodySchema.parse(await response.json()).code).toBe('unavailable');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
