import { describe, expect, it } from 'vitest';
import { openDatabase } from './db/client.ts';
import { ConfigError } from './env.ts';
import { describeStartupError } from './startup-error.ts';
import { testConfig } from './test/test-app.ts';

function systemError(fields: Record<string, unknown>): Error {
  return Object.assign(new Error('boom'), fields);
}

describe('describeStartupError', () => {
  it('passes configuration errors through', () => {
    expect(describeStartupError(new ConfigError('PORT: must be an integer between 1 and 65535'), null)).toBe(
      'PORT: must be an integer between 1 and 65535',
    );
  });

  it('explains a busy port', () => {
    const error = systemError({ code: 'EADDRINUSE', syscall: 'listen', port: 3000 });
    expect(describeStartupError(error, testConfig({ port: 3000 }))).toBe(
      'PORT 3000 is already in use: set PORT to a free port',
    );
  });

  it('explains an unreachable database, including Node’s AggregateError for multi-address hosts', () => {
    const config = testConfig({ databaseUrl: 'postgres://postgres@127.0.0.1:5999/x' });
    const refused = systemError({ code: 'ECONNREFUSED', address: '127.0.0.1', port: 5999 });
    expect(describeStartupError(refused, config)).toBe(
      'DATABASE_URL unreachable: could not connect to 127.0.0.1:5999 (ECONNREFUSED)',
    );
    const aggregate = Object.assign(new AggregateError([refused], ''), { code: 'ECONNREFUSED' });
    expect(describeStartupError(aggregate, config)).toBe(
      'DATABASE_URL unreachable: could not connect to 127.0.0.1:5999 (ECONNREFUSED)',
    );
  });

  it('describes a real failed connection the same way', async () => {
    const databaseUrl = 'postgres://postgres@127.0.0.1:5999/x';
    const error = await openDatabase({ databaseUrl, dataDir: null }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(describeStartupError(error, testConfig({ databaseUrl }))).toBe(
      'DATABASE_URL unreachable: could not connect to 127.0.0.1:5999 (ECONNREFUSED)',
    );
  });

  it('leaves programming errors to the stack trace', () => {
    expect(describeStartupError(new TypeError('x is undefined'), testConfig())).toBeNull();
  });
});
