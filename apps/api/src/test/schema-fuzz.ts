import type { SchemaObject } from './openapi-document.ts';

/**
 * Values for a route's request, read from its OpenAPI schema (the document every client is written
 * from): a plausible body first, then the same body with one part replaced by what a broken,
 * careless or hostile client sends — a boundary, a type swapped, a NUL, a year 0000, an id of
 * another organization. Plausible matters: a body that fails validation at its first field never
 * reaches the code under it, where the 500s lived (a date PostgreSQL could not store, a NUL in a
 * CSV cell, a caption null). Deterministic for a seed, so a failure can be run again.
 */
export type FuzzSchema = SchemaObject & {
  format?: string;
  pattern?: string;
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  minItems?: number;
  maxItems?: number;
  anyOf?: FuzzSchema[];
  oneOf?: FuzzSchema[];
  allOf?: FuzzSchema[];
  additionalProperties?: boolean | FuzzSchema;
  default?: unknown;
  properties?: Record<string, FuzzSchema>;
  items?: FuzzSchema;
};

/** Ids of rows that exist, by what they are: a field named `jobId` gets a job's id most of the time. */
export type IdPool = Record<string, string[]> & { any: string[] };

export type Random = () => number;

export function pick<T>(random: Random, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

/** The kind of row a field or path parameter names: `jobId`, `/api/jobs/:id` → `jobs`. */
export function idKind(name: string): string {
  const key = name.toLowerCase().replace(/ids?$/, '');
  if (key.includes('templateversion')) return 'formVersions';
  if (key.includes('template')) return 'formTemplates';
  if (key.includes('jobtype') || key === 'type') return 'jobTypes';
  if (key.includes('job')) return 'jobs';
  if (key.includes('customer')) return 'customers';
  if (key.includes('site')) return 'sites';
  if (key.includes('team')) return 'teams';
  if (key.includes('response')) return 'formResponses';
  if (key.includes('item')) return 'items';
  if (key.includes('attachment') || key.includes('photo') || key.includes('signature')) return 'attachments';
  if (/user|assignee|owner|lead|person|actor|reviewer/.test(key)) return 'users';
  return 'any';
}

function idFor(name: string, pool: IdPool, random: Random): string {
  const own = pool[idKind(name)];
  const r = random();
  if (own && own.length > 0 && r < 0.8) return pick(random, own);
  if (r < 0.9) return pick(random, pool.any);
  return crypto.randomUUID();
}

const FIELD_KEY = /^\^\[a-z\]\[a-z0-9_\]/;

/** A value the schema accepts, as a careful client would send it. */
export function plausible(schema: FuzzSchema, name: string, pool: IdPool, random: Random, depth = 0): unknown {
  if (schema.oneOf?.length) return plausible(pick(random, schema.oneOf), name, pool, random, depth);
  if (schema.anyOf?.length) {
    const branches = schema.anyOf.filter((s) => s.type !== 'null');
    return plausible(pick(random, branches.length ? branches : schema.anyOf), name, pool, random, depth);
  }
  if (schema.allOf?.length) return plausible(schema.allOf[0]!, name, pool, random, depth);
  if (schema.enum?.length) return pick(random, schema.enum);
  if (schema.default !== undefined && random() < 0.3) return schema.default;
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [key, child] of Object.entries(schema.properties ?? {})) {
        // Optional parts come along most of the time: they are code paths too.
        if (required.has(key) || (depth < 4 && random() < 0.7))
          out[key] = plausible(child, key, pool, random, depth + 1);
      }
      return out;
    }
    case 'array': {
      const min = schema.minItems ?? 0;
      const count = Math.max(min, Math.min(schema.maxItems ?? 3, depth < 3 ? 1 + Math.floor(random() * 2) : 0));
      return Array.from({ length: count }, () => plausible(schema.items ?? {}, name, pool, random, depth + 1));
    }
    case 'integer':
    case 'number': {
      const low = schema.minimum ?? 0;
      const high = Math.min(schema.maximum ?? 100, low + 100);
      const value = low + Math.floor(random() * (high - low + 1));
      return schema.exclusiveMinimum === true && value === low ? Math.min(low + 1, schema.maximum ?? low + 1) : value;
    }
    case 'boolean':
      return random() < 0.5;
    case 'string':
      return plausibleString(schema, name, pool, random);
    default:
      return 'x';
  }
}

function plausibleString(schema: FuzzSchema, name: string, pool: IdPool, random: Random): string {
  const pattern = schema.pattern ?? '';
  if (schema.format === 'uuid') return idFor(name, pool, random);
  if (schema.format === 'date-time')
    return new Date(Date.UTC(2030, 0, 1 + Math.floor(random() * 300), 9)).toISOString();
  if (schema.format === 'date') return `2030-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`;
  if (schema.format === 'email' || pattern.includes('@') || /email/i.test(name))
    return `fuzz-${Math.floor(random() * 1e9)}@a.test`;
  if (FIELD_KEY.test(pattern)) return pick(random, ['notes', 'boiler_make', 'pressure', 'field_a']);
  if (pattern.startsWith('^\\d{1,15}\\.')) return '1.1.0badcafe';
  if (pattern.startsWith('^\\d')) return String(1 + Math.floor(random() * 50));
  if (pattern.startsWith('^[0-9a-f]{64}')) return 'a'.repeat(64);
  if (pattern.startsWith('^[A-Za-z0-9+/]')) return 'aGVsbG8=';
  if (pattern.startsWith('^[\\w.+-]')) return '1.0.0';
  if (pattern.startsWith('^[A-Za-z0-9_-]')) return `fz${Math.floor(random() * 1e12)}`.slice(0, schema.maxLength ?? 64);
  if (/url|uri|endpoint/i.test(name)) return 'https://hooks.example.com/lastmile';
  const text = pick(random, ['Boiler service', 'Leak under sink', 'Zażółć gęślą jaźń', 'Fuzz']);
  const min = schema.minLength ?? 0;
  return text.padEnd(min, 'x').slice(0, schema.maxLength ?? text.length + min);
}

/** What careless and hostile clients put where a value of this schema belongs. */
export function hostileValues(
  schema: FuzzSchema,
  name: string,
  pool: IdPool,
  other: string,
  random: Random,
): unknown[] {
  const swaps: unknown[] = [null, '', 0, -1, true, [], {}, 'x'];
  if (schema.oneOf || schema.anyOf) return swaps;
  switch (schema.type) {
    case 'string': {
      const max = schema.maxLength ?? 300;
      const sample = pool[idKind(name)]?.[0] ?? pool.any[0]!;
      const text = [
        ' ',
        '\u0000',
        'a\u0000b',
        '\ud800',
        'ok\udfff',
        '\u202eevil',
        '😀'.repeat(Math.ceil(max / 2)),
        'x'.repeat(max),
        'x'.repeat(max + 1),
        "' or 1=1 --",
        '=HYPERLINK("http://x")',
        '\r\n\t',
        '  padded  ',
        'e\u0301',
      ];
      if (schema.format === 'uuid' || schema.pattern?.startsWith('^([0-9a-fA-F]{8}')) {
        return [
          ...swaps,
          other,
          sample.toUpperCase(),
          '00000000-0000-0000-0000-000000000000',
          'ffffffff-ffff-ffff-ffff-ffffffffffff',
          crypto.randomUUID(),
          `${sample} `,
          '\u0000',
        ];
      }
      if (schema.format === 'date-time' || schema.format === 'date') {
        const dates = [
          '0000-01-01T00:00:00Z',
          '0001-01-01T00:00:00Z',
          '9999-12-31T23:59:59.999Z',
          '1970-01-01T00:00:00Z',
          '2030-01-01T09:00:00+14:00',
          '2030-01-01T09:00:00.123456789Z',
          '2030-02-29T09:00:00Z',
          '2028-02-29T09:00:00Z',
          '+275760-09-13T00:00:00Z',
          '2030-01-01',
          '0000-01-01',
          '9999-12-31',
          '2030-13-01',
        ];
        return [...swaps, ...dates];
      }
      return [...swaps, ...text];
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? 0;
      const max = schema.maximum ?? 2 ** 31;
      return [...swaps, min, min - 1, max, max + 1, -0, 0.5, 1e308, -1e308, 2 ** 31, 2 ** 53 + 1, '1', 'NaN'];
    }
    case 'array': {
      const item = schema.items ?? {};
      const one = plausible(item, name, pool, random);
      return [...swaps, [null], Array.from({ length: (schema.maxItems ?? 50) + 1 }, () => one), [one, one], [{}]];
    }
    case 'object':
      return [...swaps, JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{}}}') as unknown];
    default:
      return swaps;
  }
}

/** The paths to every part of a value, with the schema each part has. */
export function parts(
  value: unknown,
  schema: FuzzSchema,
  path: (string | number)[] = [],
): { path: (string | number)[]; schema: FuzzSchema; name: string }[] {
  const name = String(path.at(-1) ?? 'body');
  const here = [{ path, schema, name }];
  const resolved = schema.oneOf?.length || schema.anyOf?.length ? matchBranch(value, schema) : schema;
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => parts(v, resolved.items ?? {}, [...path, i]))];
  if (value && typeof value === 'object') {
    return [
      ...here,
      ...Object.entries(value).flatMap(([k, v]) => parts(v, resolved.properties?.[k] ?? {}, [...path, k])),
    ];
  }
  return here;
}

/** The branch of a oneOf whose enum'd `name` (the push's mutation name) matches the value. */
function matchBranch(value: unknown, schema: FuzzSchema): FuzzSchema {
  const branches = schema.oneOf ?? schema.anyOf ?? [];
  const named = (value as { name?: unknown } | null)?.name;
  return (
    branches.find((b) => b.properties?.['name']?.enum?.includes(named)) ??
    branches.find((b) => b.type === (Array.isArray(value) ? 'array' : typeof value)) ??
    branches[0] ??
    {}
  );
}

/** `value` with the part at `path` replaced (or removed, for `undefined`). */
export function replaced(value: unknown, path: (string | number)[], next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return (value as unknown[]).map((v, i) => (i === head ? replaced(v, rest, next) : v));
  const copy = { ...(value as Record<string, unknown>) };
  if (rest.length === 0 && next === undefined) delete copy[head as string];
  else copy[head as string] = replaced(copy[head as string], rest, next);
  return copy;
}
