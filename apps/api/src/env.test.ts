import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv, testS3Settings } from './env.ts';

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
      apiKeyRequestsPerMinute: 600,
      trustProxy: false,
      // On by default: the job screen opens a job that left an office device from the server (ADR 0041).
      officeWindowEveryMinutes: 10,
      // A phone that synced within 30 days continues from its cursor (ADR 0047).
      compactionKeepDays: 30,
    });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.webDist).toMatch(/apps\/web\/dist$/);
    expect(config.uploadDir).toBe(`${config.dataDir}/uploads`);
    expect(config.attachments).toEqual({ store: 'directory', dir: `${config.dataDir}/attachments` });
  });

  it('reads TRUST_PROXY as Fastify takes it, and refuses anything else with a one-line reason', () => {
    expect(parseEnv({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(parseEnv({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(parseEnv({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(parseEnv({ TRUST_PROXY: '::1,127.0.0.1' }).trustProxy).toEqual(['::1', '127.0.0.1']);
    expect(() => parseEnv({ TRUST_PROXY: 'yes please' })).toThrow(/^TRUST_PROXY: must be true, false, a number/);
  });

  it('sends mail by SMTP only when SMTP_URL is an smtp(s):// URL, and refuses anything else', () => {
    expect(parseEnv({ SMTP_URL: 'smtps://u:p@smtp.example.com:465', MAIL_FROM: 'Ops <ops@example.com>' }).mail).toEqual(
      expect.objectContaining({ smtpUrl: 'smtps://u:p@smtp.example.com:465', from: 'Ops <ops@example.com>' }),
    );
    expect(parseEnv({}).mail.smtpUrl).toBeUndefined();
    expect(errorOf({ SMTP_URL: 'https://smtp.example.com' })).toMatch(/^SMTP_URL: must be an smtp:\/\/ or smtps:\/\//);
    expect(errorOf({ MAIL_FROM: 'nobody' })).toMatch(/^MAIL_FROM: must be an address/);
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
      REMINDERS_EVERY_MINUTES: '0',
      COMPACTION_EVERY_MINUTES: '60',
      COMPACTION_KEEP_DAYS: '90',
      OFFICE_WINDOW_EVERY_MINUTES: '30',
      API_KEY_RATE_LIMIT: '120',
      TRUST_PROXY: '10.0.0.0/8, 192.168.1.4',
      WEB_DIST: '/srv/web',
      UPLOAD_DIR: '/tmp/uploads',
      ATTACHMENTS_DIR: '/srv/attachments',
      MAIL_DIR: '/srv/mail',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgres://u@db:5432/lastmile',
      dataDir: '/var/lib/lastmile',
      logLevel: 'debug',
      cookieSecure: true,
      sessionTtlDays: 7,
      remindersEveryMinutes: 0,
      compactionEveryMinutes: 60,
      compactionKeepDays: 90,
      officeWindowEveryMinutes: 30,
      apiKeyRequestsPerMinute: 120,
      trustProxy: ['10.0.0.0/8', '192.168.1.4'],
      webDist: '/srv/web',
      uploadDir: '/tmp/uploads',
      attachments: { store: 'directory', dir: '/srv/attachments' },
      mail: { smtpUrl: undefined, dir: '/srv/mail', from: 'Lastmile <no-reply@lastmile.invalid>' },
      webhooks: { privateTargets: 'allow', timeoutMs: 10_000, retryLimit: 12, retryDelaySeconds: 60 },
    });
  });

  it('refuses private webhook targets in production unless told otherwise, and validates the webhook settings', () => {
    expect(parseEnv({}).webhooks.privateTargets).toBe('allow');
    expect(parseEnv({ NODE_ENV: 'production' }).webhooks.privateTargets).toBe('refuse');
    expect(parseEnv({ NODE_ENV: 'production', WEBHOOK_PRIVATE_TARGETS: 'allow' }).webhooks.privateTargets).toBe(
      'allow',
    );
    expect(parseEnv({ WEBHOOK_PRIVATE_TARGETS: 'refuse' }).webhooks.privateTargets).toBe('refuse');
    expect(
      parseEnv({ WEBHOOK_TIMEOUT_SECONDS: '5', WEBHOOK_RETRY_LIMIT: '2', WEBHOOK_RETRY_DELAY_SECONDS: '0' }).webhooks,
    ).toEqual({ privateTargets: 'allow', timeoutMs: 5000, retryLimit: 2, retryDelaySeconds: 0 });
    expect(errorOf({ WEBHOOK_PRIVATE_TARGETS: 'maybe' })).toMatch(/^WEBHOOK_PRIVATE_TARGETS: must be allow or refuse/);
    expect(errorOf({ WEBHOOK_TIMEOUT_SECONDS: '0' })).toMatch(/^WEBHOOK_TIMEOUT_SECONDS: must be an integer/);
  });

  it('keeps uploads and attachments inside DATA_DIR unless told otherwise', () => {
    expect(parseEnv({ DATA_DIR: '/var/lib/lastmile/' })).toMatchObject({
      uploadDir: '/var/lib/lastmile/uploads',
      attachments: { store: 'directory', dir: '/var/lib/lastmile/attachments' },
      mail: { dir: '/var/lib/lastmile/mail' },
    });
  });

  it('reads every S3 setting', () => {
    const config = parseEnv({
      ATTACHMENTS_STORE: 's3',
      ATTACHMENTS_DIR: '/ignored',
      S3_ENDPOINT: 'https://s3.example.net:9000',
      S3_REGION: 'eu-central-1',
      S3_BUCKET: 'lastmile-photos',
      S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'false',
    });
    expect(config.attachments).toEqual({
      store: 's3',
      endpoint: 'https://s3.example.net:9000',
      region: 'eu-central-1',
      bucket: 'lastmile-photos',
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret',
      forcePathStyle: false,
    });
  });

  it('on AWS (no S3_ENDPOINT): us-east-1, the SDK credential chain, bucket subdomains', () => {
    expect(parseEnv({ ATTACHMENTS_STORE: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: '' }).attachments).toEqual({
      store: 's3',
      endpoint: undefined,
      region: 'us-east-1',
      bucket: 'b',
      accessKeyId: undefined,
      secretAccessKey: undefined,
      forcePathStyle: false,
    });
  });

  it('uses path-style requests by default when S3_ENDPOINT names a server', () => {
    const env = { ATTACHMENTS_STORE: 's3', S3_BUCKET: 'b', S3_ENDPOINT: 'http://127.0.0.1:9000' };
    expect(parseEnv(env).attachments).toMatchObject({ forcePathStyle: true });
    expect(parseEnv({ ...env, S3_FORCE_PATH_STYLE: '0' }).attachments).toMatchObject({ forcePathStyle: false });
  });

  it('ignores S3 settings while the store is a directory', () => {
    expect(parseEnv({ S3_ACCESS_KEY_ID: 'only-half' }).attachments.store).toBe('directory');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: must be an integer between 1 and 65535'],
    [{ PORT: '70000' }, 'PORT: must be an integer between 1 and 65535'],
    [{ PORT: '0' }, 'PORT: must be an integer between 1 and 65535'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL: must be a postgres:// or postgresql:// URL'],
    [{ COOKIE_SECURE: 'yes' }, 'COOKIE_SECURE: must be true or false'],
    [{ SESSION_TTL_DAYS: '0' }, 'SESSION_TTL_DAYS: must be an integer between 1 and 365'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ ATTACHMENTS_STORE: 'minio' }, 'ATTACHMENTS_STORE: must be directory or s3'],
    [{ ATTACHMENTS_STORE: 's3' }, 'S3_BUCKET: required when ATTACHMENTS_STORE is s3'],
    [{ ATTACHMENTS_STORE: 's3', S3_BUCKET: ' ' }, 'S3_BUCKET: required when ATTACHMENTS_STORE is s3'],
    [
      { ATTACHMENTS_STORE: 's3', S3_BUCKET: 'b', S3_SECRET_ACCESS_KEY: 'x' },
      'S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both or neither',
    ],
    [{ S3_ENDPOINT: 'minio:9000' }, 'S3_ENDPOINT: must be an http:// or https:// URL'],
    [{ S3_ENDPOINT: 'ftp://minio:9000' }, 'S3_ENDPOINT: must be an http:// or https:// URL'],
    [{ S3_FORCE_PATH_STYLE: 'on' }, 'S3_FORCE_PATH_STYLE: must be true or false'],
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

describe('testS3Settings', () => {
  it('is unset without S3_TEST_ENDPOINT, so the S3 tests start their own server', () => {
    expect(testS3Settings({ S3_TEST_ENDPOINT: '', S3_TEST_BUCKET: 'x' })).toBeUndefined();
  });

  it("defaults to the lastmile-test bucket and s3rver's credentials", () => {
    expect(testS3Settings({ S3_TEST_ENDPOINT: 'http://127.0.0.1:4568' })).toEqual({
      endpoint: 'http://127.0.0.1:4568',
      bucket: 'lastmile-test',
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    });
  });
});
