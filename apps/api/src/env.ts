import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The one module that reads process.env. Everything else receives a `Config`, so tests can
 * build the app with any configuration and nothing reads the environment behind their back.
 */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Empty variables count as unset, so `PORT= pnpm start` means "default", not "invalid". */
const unsetIfEmpty = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const integer = (min: number, max: number, fallback: number) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\d+$/, { message: `must be an integer between ${min} and ${max}` })
      .transform(Number)
      .refine((n) => n >= min && n <= max, { message: `must be an integer between ${min} and ${max}` })
      .default(fallback),
  );

const flag = (fallback: boolean) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
      .transform((v) => v === 'true' || v === '1')
      .default(fallback),
  );

/** An optional true/false whose default depends on other settings. */
const optionalFlag = () =>
  z.preprocess(
    unsetIfEmpty,
    z
      .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
      .transform((v) => v === 'true' || v === '1')
      .optional(),
  );

const optionalString = () => z.preprocess(unsetIfEmpty, z.string().optional());

const httpUrl = () =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
        message: 'must be an http:// or https:// URL',
      })
      .optional(),
  );

const smtpUrl = () =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .refine((value) => URL.canParse(value) && /^smtps?:$/.test(new URL(value).protocol), {
        message: 'must be an smtp:// or smtps:// URL, like smtps://user:password@smtp.example.com:465',
      })
      .optional(),
  );

const ATTACHMENT_STORES = ['directory', 's3'] as const;

/**
 * Which proxies' X-Forwarded-For to believe, as Fastify's `trustProxy` takes it: `false` (the
 * default: the connecting address is the client), `true` (any proxy — only behind one that
 * overwrites the header), a number of hops, or a comma-separated list of addresses/CIDRs.
 */
const trustProxy = () =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, {
        message: 'must be true, false, a number of proxy hops, or a comma-separated list of proxy addresses/CIDRs',
      })
      .transform((v): boolean | number | string[] =>
        v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v.split(',').map((a) => a.trim()),
      )
      .default(false),
  );

const envSchema = z.object({
  PORT: integer(1, 65535, 3000),
  HOST: z.preprocess(unsetIfEmpty, z.string().default('0.0.0.0')),
  DATABASE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
  ),
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default(`${REPO_ROOT}data`)),
  LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
  COOKIE_SECURE: flag(false),
  SESSION_TTL_DAYS: integer(1, 365, 30),
  REMINDERS_EVERY_MINUTES: integer(0, 1440, 15),
  COMPACTION_EVERY_MINUTES: integer(0, 1440, 10),
  // A device that synced within this many days continues from its cursor (ADR 0047).
  COMPACTION_KEEP_DAYS: integer(0, 3650, 30),
  // The job screen opens a job that left an office device from the server (ADR 0040, 0041).
  OFFICE_WINDOW_EVERY_MINUTES: integer(0, 1440, 10),
  API_KEY_RATE_LIMIT: integer(1, 100_000, 600),
  TRUST_PROXY: trustProxy(),
  WEB_DIST: z.preprocess(unsetIfEmpty, z.string().default(`${REPO_ROOT}apps/web/dist`)),
  UPLOAD_DIR: optionalString(),
  ATTACHMENTS_STORE: z.preprocess(
    unsetIfEmpty,
    z.enum(ATTACHMENT_STORES, { message: 'must be directory or s3' }).default('directory'),
  ),
  ATTACHMENTS_DIR: optionalString(),
  MAIL_DIR: optionalString(),
  SMTP_URL: smtpUrl(),
  MAIL_FROM: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .max(254)
      .regex(/^[^\r\n]*@[^\r\n]*$/, { message: 'must be an address, like "Lastmile <no-reply@example.com>"' })
      .default('Lastmile <no-reply@lastmile.invalid>'),
  ),
  S3_ENDPOINT: httpUrl(),
  S3_REGION: z.preprocess(unsetIfEmpty, z.string().default('us-east-1')),
  S3_BUCKET: optionalString(),
  S3_ACCESS_KEY_ID: optionalString(),
  S3_SECRET_ACCESS_KEY: optionalString(),
  S3_FORCE_PATH_STYLE: optionalFlag(),
  NODE_ENV: optionalString(),
  WEBHOOK_PRIVATE_TARGETS: z.preprocess(
    unsetIfEmpty,
    z.enum(['allow', 'refuse'], { message: 'must be allow or refuse' }).optional(),
  ),
  WEBHOOK_TIMEOUT_SECONDS: integer(1, 60, 10),
  WEBHOOK_RETRY_LIMIT: integer(0, 30, 12),
  WEBHOOK_RETRY_DELAY_SECONDS: integer(0, 3600, 60),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export type Config = {
  port: number;
  host: string;
  /** Unset: the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: LogLevel;
  cookieSecure: boolean;
  /** Days a session lasts without use (each use renews it; see auth/sessions.ts). */
  sessionTtlDays: number;
  /** How often due and overdue items are reminded (services/due-items); 0: never. */
  remindersEveryMinutes: number;
  /** How often the sync change log is compacted (services/sync-compaction); 0: never. */
  compactionEveryMinutes: number;
  /**
   * Days a tombstone stays in the change log (and 10,000 versions): a device that synced within
   * them continues from its cursor instead of resetting (ADR 0047); 0: by version count alone.
   */
  compactionKeepDays: number;
  /** How often aged-out closed work is taken off office devices (ADR 0040); 0 turns it off. */
  officeWindowEveryMinutes: number;
  /** Requests one API key may make per minute (/api/v1, ADR 0031), counted in PostgreSQL. */
  apiKeyRequestsPerMinute: number;
  /** Fastify's `trustProxy`: decides the client address the sign-in limits count by. */
  trustProxy: boolean | number | string[];
  webDist: string;
  /** Where tus keeps uploads in progress (a local folder even when attachments go to S3). */
  uploadDir: string;
  /** Where finished attachments live (docs/decisions/0016-attachment-storage.md). */
  attachments: AttachmentsConfig;
  /** Outgoing mail (invitations, password resets): see mail/create-mail-sender.ts. */
  mail: MailConfig;
  /** Outgoing webhooks: see docs/webhooks.md and services/webhooks. */
  webhooks: WebhooksConfig;
};

export type WebhooksConfig = {
  /**
   * Whether an endpoint may be on a private, loopback or link-local address (checked on the
   * resolved address of every request). `refuse` by default when NODE_ENV is production: an
   * admin must not be able to make the server call into its own network.
   */
  privateTargets: 'allow' | 'refuse';
  /** How long one request may take, connection to last byte. */
  timeoutMs: number;
  /** Retries after the first attempt; then the delivery has failed and the subscription is switched off. */
  retryLimit: number;
  /** The first retry's delay; each next one doubles (with jitter) up to 6 hours. 0: retry at once (tests). */
  retryDelaySeconds: number;
};

export type MailConfig = {
  /** Set: mail goes through this SMTP server. Unset: it is written as .eml files to `dir`. */
  smtpUrl: string | undefined;
  dir: string;
  /** The From header. */
  from: string;
};

export type AttachmentsConfig =
  | { store: 'directory'; dir: string }
  | {
      store: 's3';
      /** Unset: AWS itself. */
      endpoint: string | undefined;
      region: string;
      bucket: string;
      /** Unset: the AWS SDK's default credential chain. */
      accessKeyId: string | undefined;
      secretAccessKey: string | undefined;
      forcePathStyle: boolean;
    };

/** A configuration mistake, worded as the one line the operator needs to fix it. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function parseEnv(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE,
    sessionTtlDays: e.SESSION_TTL_DAYS,
    remindersEveryMinutes: e.REMINDERS_EVERY_MINUTES,
    compactionEveryMinutes: e.COMPACTION_EVERY_MINUTES,
    compactionKeepDays: e.COMPACTION_KEEP_DAYS,
    officeWindowEveryMinutes: e.OFFICE_WINDOW_EVERY_MINUTES,
    apiKeyRequestsPerMinute: e.API_KEY_RATE_LIMIT,
    trustProxy: e.TRUST_PROXY,
    webDist: e.WEB_DIST,
    uploadDir: e.UPLOAD_DIR ?? join(e.DATA_DIR, 'uploads'),
    attachments: attachmentsConfig(e),
    mail: { smtpUrl: e.SMTP_URL, dir: e.MAIL_DIR ?? join(e.DATA_DIR, 'mail'), from: e.MAIL_FROM },
    webhooks: {
      privateTargets: e.WEBHOOK_PRIVATE_TARGETS ?? (e.NODE_ENV === 'production' ? 'refuse' : 'allow'),
      timeoutMs: e.WEBHOOK_TIMEOUT_SECONDS * 1000,
      retryLimit: e.WEBHOOK_RETRY_LIMIT,
      retryDelaySeconds: e.WEBHOOK_RETRY_DELAY_SECONDS,
    },
  };
}

function attachmentsConfig(e: z.infer<typeof envSchema>): AttachmentsConfig {
  if (e.ATTACHMENTS_STORE === 'directory') {
    return { store: 'directory', dir: e.ATTACHMENTS_DIR ?? join(e.DATA_DIR, 'attachments') };
  }
  const problems: string[] = [];
  if (e.S3_BUCKET === undefined) problems.push('S3_BUCKET: required when ATTACHMENTS_STORE is s3');
  if ((e.S3_ACCESS_KEY_ID === undefined) !== (e.S3_SECRET_ACCESS_KEY === undefined)) {
    problems.push('S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both or neither');
  }
  if (e.S3_BUCKET === undefined || problems.length > 0) throw new ConfigError(problems.join('; '));
  return {
    store: 's3',
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    bucket: e.S3_BUCKET,
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    // AWS wants bucket subdomains; self-hosted servers (MinIO, Ceph, s3rver) usually want paths.
    forcePathStyle: e.S3_FORCE_PATH_STYLE ?? e.S3_ENDPOINT !== undefined,
  };
}

/** `first-run`'s first admin password, for scripted installs (otherwise it is typed at a prompt). */
export function setupPasswordFromEnv(env: Record<string, string | undefined> = process.env): string | undefined {
  return unsetIfEmpty(env['LASTMILE_ADMIN_PASSWORD']) as string | undefined;
}

/** The test suite's own setting: a PostgreSQL server to create throwaway databases on. */
export function testDatabaseUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  return unsetIfEmpty(env['TEST_DATABASE_URL']) as string | undefined;
}

export type TestS3Settings = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
};

/**
 * The test suite's S3 server (CI starts s3rver and sets S3_TEST_ENDPOINT); unset: the S3 tests
 * start their own s3rver. Credentials default to s3rver's fixed pair.
 */
export function testS3Settings(env: Record<string, string | undefined> = process.env): TestS3Settings | undefined {
  const value = (name: string) => unsetIfEmpty(env[name]) as string | undefined;
  const endpoint = value('S3_TEST_ENDPOINT');
  if (endpoint === undefined) return undefined;
  return {
    endpoint,
    bucket: value('S3_TEST_BUCKET') ?? 'lastmile-test',
    region: value('S3_TEST_REGION') ?? 'us-east-1',
    accessKeyId: value('S3_TEST_ACCESS_KEY_ID') ?? 'S3RVER',
    secretAccessKey: value('S3_TEST_SECRET_ACCESS_KEY') ?? 'S3RVER',
  };
}
