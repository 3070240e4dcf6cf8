import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { createFixtures, sessionFor, testConfig, TEST_PASSWORD } from '../test/test-app.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { redactError, withoutQueryValues } from './log-redaction.ts';
import { loggerOptions } from './logger.ts';

/** What a session-token hash or a customer's note looks like in a statement's parameters. */
const SECRET = 'Ada Lovelace, gate code 4711, token 9f86d081884c7d65';

let testDb: TestDb;
let app: FastifyInstance;
const lines: string[] = [];
const logged = () => lines.join('\n');

beforeAll(async () => {
  testDb = await createTestDb();
  app = await buildApp({
    db: testDb.db,
    config: testConfig(),
    listen: testDb.listen,
    logger: { ...loggerOptions('info'), stream: { write: (line: string) => lines.push(line) } },
  });
  // A bug that reaches the database with a person's data as a parameter.
  app.get('/api/test/failing-query', { config: { public: true } }, async () => {
    await app.db.execute(sql`select ${SECRET}::uuid as id`);
  });
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
});

describe('the log', () => {
  it('keeps the SQL text and error code of a failing query, not its parameter values', async () => {
    lines.length = 0;
    const response = await app.inject({ method: 'GET', url: '/api/test/failing-query' });
    expect(response.statusCode).toBe(500);
    const failure = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((l) => l['err']);
    expect(failure?.['msg']).toBe('request failed');
    const text = JSON.stringify(failure);
    expect(text).toContain('select $1::uuid as id');
    expect(text).toContain('22P02'); // invalid_text_representation
    expect(logged()).not.toContain('Lovelace');
    expect(logged()).not.toContain('9f86d081884c7d65');
  });

  it('keeps cookies, CSRF tokens, passwords and search words out', async () => {
    lines.length = 0;
    const fixtures = await createFixtures(testDb.db, 'log');
    const session = await sessionFor(testDb.db, fixtures.orgA.users.office);
    const csrf = session['x-csrf-token'];
    const token = session.cookie.split('=')[1] ?? '';
    await app.inject({ method: 'GET', url: '/api/jobs?search=Lovelace&page=2', headers: session });
    await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: fixtures.orgA.users.office.email, password: `${TEST_PASSWORD}-wrong` },
    });
    await app.inject({ method: 'POST', url: '/api/sync/push', headers: session, payload: { bad: SECRET } });
    expect(lines.length).toBeGreaterThan(3);
    expect(logged()).toContain('/api/jobs?search=…&page=…');
    for (const secret of [token, csrf, TEST_PASSWORD, 'Lovelace']) expect(logged()).not.toContain(secret);
  });
});

describe('redactError', () => {
  it('drops what Postgres, PGlite and drizzle attach to a failed statement, through the cause chain', () => {
    const pgError = Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
      name: 'DatabaseError',
      code: '23505',
      constraint: 'users_email_key',
      table: 'users',
      detail: `Key (email)=(${SECRET}) already exists.`,
      where: `SQL statement "insert … ${SECRET}"`,
      params: [SECRET],
      query: 'insert into users (email) values ($1)',
    });
    const drizzleError = Object.assign(
      new Error(`Failed query: insert into users (email) values ($1)\nparams: ${SECRET}`, { cause: pgError }),
      { query: 'insert into users (email) values ($1)', params: [SECRET] },
    );
    const out = redactError(new AggregateError([drizzleError], 'several failed'));
    const text = JSON.stringify(out);
    expect(text).not.toContain('Lovelace');
    expect(text).toContain('users_email_key');
    expect(text).toContain('23505');
    expect(text).toContain('insert into users (email) values ($1)');
    expect(text).toContain('params: [redacted]');
  });

  it('hides the value Postgres quotes, keeping the names it quotes', () => {
    const message = (m: string) => redactError(new Error(m)).message;
    expect(message(`invalid input syntax for type uuid: "${SECRET}"`)).toBe(
      'invalid input syntax for type uuid: "[redacted]"',
    );
    expect(message('value "99999999999" is out of range for type integer')).toBe(
      'value "[redacted]" is out of range for type integer',
    );
    expect(message('null value in column "name" of relation "customers" violates not-null constraint')).toContain(
      '"customers"',
    );
  });

  it('leaves only parameter names in a logged URL', () => {
    expect(withoutQueryValues('/api/jobs?search=Ada%20Lovelace&sort=date')).toBe('/api/jobs?search=…&sort=…');
    expect(withoutQueryValues('/api/jobs')).toBe('/api/jobs');
  });
});
