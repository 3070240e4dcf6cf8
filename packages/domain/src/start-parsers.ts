import type { SessionInfo, SignInRequest } from './auth.ts';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from './attachments/attachment-types.ts';
import type { Crew, CrewMember } from './crew.ts';
import { ERROR_CODES, type ErrorBody, type ErrorCode } from './errors.ts';
import type { JobPeople } from './reports/job-people.ts';
import { ROLES, type Role } from './roles.ts';

/**
 * Zod-free twins of the few schemas the web app's start path needs (the session, error bodies,
 * the crew, the PIN and the sign-in form), so zod (≈ 24 kB brotli) is not part of the sign-in
 * page's or the technician home's first download (issue 10, ADR 0034). Each accepts exactly what
 * its zod schema accepts and returns the same data, defaults included; start-parsers.test.ts
 * checks that against the zod schema with generated inputs. The zod schemas stay the source of
 * truth for the server and for everything loaded later.
 */
export type ParseResult<T> = { success: true; data: T } | { success: false };
/** What apiRequest needs of a schema; a zod schema is one too. */
export type Parser<T> = { safeParse(value: unknown): ParseResult<T> };

/** zod 4's `z.uuid()` pattern (RFC 9562 versions 1–8, nil and max). */
const UUID =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
/** zod 4's `z.email()` pattern. */
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
const PIN = /^\d{4,8}$/;
const ORG_LOCALES = ['en', 'pl'] as const;
const ENCODINGS = ['image/jpeg', 'image/webp'] as const;
const CODES: readonly string[] = Object.values(ERROR_CODES);

/** Thrown inside a parse to give up at the first mismatch; never escapes this module. */
const INVALID = new Error('not valid');

function record(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw INVALID;
  return value as Record<string, unknown>;
}
function string(value: unknown): string {
  if (typeof value !== 'string') throw INVALID;
  return value;
}
/** `idSchema`: read in lower case. */
function id(value: unknown): string {
  if (!UUID.test(string(value))) throw INVALID;
  return (value as string).toLowerCase();
}
function oneOf<T extends string>(options: readonly T[], value: unknown): T {
  if (!options.includes(value as T)) throw INVALID;
  return value as T;
}
/** `z.number().int().min(min).max(max)`, with zod's default when the value is undefined. */
function int(value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) throw INVALID;
  return value;
}

function safely<T>(parse: () => T): ParseResult<T> {
  try {
    return { success: true, data: parse() };
  } catch (error) {
    if (error === INVALID) return { success: false };
    throw error;
  }
}

function photoSettings(value: unknown): SessionInfo['org']['photos'] {
  const input = record(value);
  const types = input['allowedTypes'];
  let allowedTypes: SessionInfo['org']['photos']['allowedTypes'];
  if (types === undefined) allowedTypes = [...ATTACHMENT_TYPES];
  else {
    if (!Array.isArray(types) || types.length < 1) throw INVALID;
    allowedTypes = types.map((type) => oneOf(ATTACHMENT_TYPES, type));
  }
  const keepLocation = input['keepLocation'] === undefined ? false : input['keepLocation'];
  if (typeof keepLocation !== 'boolean') throw INVALID;
  return {
    maxBytes: int(input['maxBytes'], 64 * 1024, MAX_ATTACHMENT_BYTES, 20 * 1024 * 1024),
    maxPerJob: int(input['maxPerJob'], 1, 1000, 200),
    allowedTypes,
    longEdge: int(input['longEdge'], 640, 8192, 2048),
    encodeAs: input['encodeAs'] === undefined ? 'image/jpeg' : oneOf(ENCODINGS, input['encodeAs']),
    keepLocation,
  };
}

function member(value: unknown): CrewMember {
  const input = record(value);
  return {
    id: id(input['id']),
    name: string(input['name']),
    role: oneOf<Role>(ROLES, input['role']),
    teamId: input['teamId'] === null ? null : id(input['teamId']),
  };
}

/** `sessionInfoSchema.safeParse`: the signed-in person, from the API or the device's cache. */
export function parseSessionInfo(value: unknown): ParseResult<SessionInfo> {
  return safely(() => {
    const input = record(value);
    const user = record(input['user']);
    const org = record(input['org']);
    const crew = org['crew'] === undefined ? { idleMinutes: 10 } : record(org['crew']);
    return {
      user: {
        id: id(user['id']),
        name: string(user['name']),
        email: string(user['email']),
        role: oneOf<Role>(ROLES, user['role']),
        teamId: user['teamId'] === null ? null : id(user['teamId']),
      },
      org: {
        id: id(org['id']),
        name: string(org['name']),
        photos: photoSettings(org['photos'] === undefined ? {} : org['photos']),
        locale: org['locale'] === undefined ? 'en' : oneOf(ORG_LOCALES, org['locale']),
        crew: { idleMinutes: int(crew['idleMinutes'], 1, 240, 10) },
      },
      csrfToken: string(input['csrfToken']),
    };
  });
}

/** `errorBodySchema.safeParse`: the API's `{code, message, issues?, detail?}`. */
export function parseErrorBody(value: unknown): ParseResult<ErrorBody> {
  return safely(() => {
    const input = record(value);
    const body: ErrorBody = { code: oneOf(CODES, input['code']) as ErrorCode, message: string(input['message']) };
    if (input['issues'] !== undefined) {
      if (!Array.isArray(input['issues'])) throw INVALID;
      body.issues = input['issues'].map((item) => {
        const issue = record(item);
        return { path: string(issue['path']), message: string(issue['message']) };
      });
    }
    if (input['detail'] !== undefined) {
      const detail = record(input['detail']);
      const key = string(detail['key']);
      if (key.length > 100) throw INVALID;
      body.detail = { key };
      if (detail['params'] !== undefined) {
        const params: Record<string, string | number> = {};
        for (const [name, param] of Object.entries(record(detail['params']))) {
          if (typeof param !== 'string' && !(typeof param === 'number' && Number.isFinite(param))) throw INVALID;
          params[name] = param;
        }
        body.detail.params = params;
      }
    }
    return body;
  });
}

/** `crewMemberSchema.safeParse`. */
export function parseCrewMember(value: unknown): ParseResult<CrewMember> {
  return safely(() => member(value));
}

/** `crewSchema.safeParse`. */
export function parseCrew(value: unknown): ParseResult<Crew> {
  return safely(() => {
    const members = record(value)['members'];
    if (!Array.isArray(members)) throw INVALID;
    return { members: members.map(member) };
  });
}

/**
 * `jobPeopleSchema.safeParse`: the names of a job's people, which the technician home's send-back
 * notice and item cards ask for (`use-job-people.ts`) when a person is not on the phone.
 */
export function parseJobPeople(value: unknown): ParseResult<JobPeople> {
  return safely(() => {
    const people = record(value)['people'];
    if (!Array.isArray(people)) throw INVALID;
    return {
      people: people.map((person) => {
        const input = record(person);
        return { id: id(input['id']), name: string(input['name']) };
      }),
    };
  });
}

/** `crewPinSchema.safeParse(pin).success`: 4 to 8 digits. */
export function isCrewPin(value: unknown): value is string {
  return typeof value === 'string' && PIN.test(value);
}

/** Which fields `signInRequestSchema` refuses in this input (none: it would pass). */
export function signInProblems(input: SignInRequest): { email: boolean; password: boolean } {
  return {
    email: !(EMAIL.test(input.email) && input.email.length <= 254),
    password: !(input.password.length >= 1 && input.password.length <= 200),
  };
}

export const sessionInfoParser: Parser<SessionInfo> = { safeParse: parseSessionInfo };
export const errorBodyParser: Parser<ErrorBody> = { safeParse: parseErrorBody };
export const crewMemberParser: Parser<CrewMember> = { safeParse: parseCrewMember };
export const crewParser: Parser<Crew> = { safeParse: parseCrew };
export const jobPeopleParser: Parser<JobPeople> = { safeParse: parseJobPeople };
/** `z.unknown()`: for answers whose body the caller ignores. */
export const anyBody: Parser<unknown> = { safeParse: (value) => ({ success: true, data: value }) };
