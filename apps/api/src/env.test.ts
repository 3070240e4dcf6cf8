import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from './env.ts';

function errorOf(env: Record<string, string>): string {
  try {
    parseEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseEnv', () => {
  it('applies defaults: port 3000, all interfaces, embedded database, 30-day sessions', () => {
    const config = parseEnv({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      logLevel: 'info',
      cookieSecure: false,
      sessionTtlDays: 30,
    });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.webDist).toMatch(/apps\/web\/dist$/);
  });

  it('treats empty variables as unset', () => {
    expect(parseEnv({ PORT: '', DATABASE_URL: ' ' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('reads every setting', () => {
    const config = parseEnv({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://u@db:5432/lastmile',
      DATA_DIR: '/var/lib/lastmile',
      LOG_LEVEL: 'debug',
      COOKIE_SECURE: 'true',
      SESSION_TTL_DAYS: '7',
      WEB_DIST: '/srv/web',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgres://u@db:5432/lastmile',
      dataDir: '/var/lib/lastmile',
      logLevel: 'debug',
      cookieSecure: true,
      sessionTtlDays: 7,
      webDist: '/srv/web',
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: must be an integer between 1 and 65535'],
    [{ PORT: '70000' }, 'PORT: must be an integer between 1 and 65535'],
    [{ PORT: '0' }, 'PORT: must be an integer between 1 and 65535'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL: must be a postgres:// or postgresql:// URL'],
    [{ COOKIE_SECURE: 'yes' }, 'COOKIE_SECURE: must be true or false'],
    [{ SESSION_TTL_DAYS: '0' }, 'SESSION_TTL_DAYS: must be an integer between 1 and 365'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent'],
  ])('refuses %o with one line naming the setting', (env, message) => {
    const text = errorOf(env);
    expect(text).toBe(message);
    expect(text).not.toContain('\n');
  });

  it('names every bad setting at once', () => {
    expect(errorOf({ PORT: 'x', COOKIE_SECURE: 'maybe' })).toBe(
      'PORT: must be an integer between 1 and 65535; COOKIE_SECURE: must be true or false',
    );
  });
});
