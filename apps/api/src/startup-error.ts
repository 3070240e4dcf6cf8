import { ConfigError, type Config } from './env.ts';

type SystemError = Error & {
  code?: string;
  address?: string;
  port?: number;
  syscall?: string;
  path?: string;
  errors?: unknown[];
};

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET', 'EAI_AGAIN']);

/**
 * The one line an operator needs for a startup failure they can fix (a setting, a busy port,
 * an unreachable database), or null for a bug, whose stack should be printed instead.
 */
export function describeStartupError(error: unknown, config: Config | null): string | null {
  if (error instanceof ConfigError) return error.message;
  if (!(error instanceof Error)) return null;
  const e = error as SystemError;
  // Node reports a failed connect to a name with several addresses as an AggregateError.
  const first = (e.errors?.[0] ?? e) as SystemError;
  const code = e.code ?? first.code;

  if (code === 'EADDRINUSE') return `PORT ${e.port ?? config?.port ?? ''} is already in use: set PORT to a free port`;
  if (code === 'EACCES' && e.syscall === 'listen')
    return `PORT ${e.port ?? config?.port ?? ''} needs elevated privileges: set PORT to 1024 or above`;
  if (code === 'EADDRNOTAVAIL' && e.syscall === 'listen')
    return `HOST ${config?.host ?? ''} is not an address of this machine: set HOST (0.0.0.0 listens on all)`;

  if (config?.databaseUrl) {
    if (code && CONNECT_CODES.has(code)) {
      const where = first.address ? `${first.address}:${first.port ?? ''}` : hostOf(config.databaseUrl);
      return `DATABASE_URL unreachable: could not connect to ${where} (${code})`;
    }
    // PostgreSQL refusing the connection: bad password, unknown role or database.
    if (code && /^(28|3D)/.test(code)) return `DATABASE_URL rejected by the server: ${e.message}`;
  } else if (code && ['EACCES', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOSPC'].includes(code) && e.path) {
    return `DATA_DIR unusable: cannot write ${e.path} (${code})`;
  }
  return null;
}

function hostOf(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || '5432'}`;
  } catch {
    return 'the configured server';
  }
}
