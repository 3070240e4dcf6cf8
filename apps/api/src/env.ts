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
  WEB_DIST: z.preprocess(unsetIfEmpty, z.string().default(`${REPO_ROOT}apps/web/dist`)),
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
  sessionTtlDays: number;
  webDist: string;
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
    webDist: e.WEB_DIST,
  };
}

/** The test suite's own setting: a PostgreSQL server to create throwaway databases on. */
export function testDatabaseUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  return unsetIfEmpty(env['TEST_DATABASE_URL']) as string | undefined;
}
