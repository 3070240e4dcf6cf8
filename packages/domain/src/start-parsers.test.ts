import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionInfoSchema, signInRequestSchema } from './auth.ts';
import { crewPinSchema, crewSchema } from './crew.ts';
import { errorBodySchema } from './error-body.ts';
import { ERROR_CODES } from './errors.ts';
import { jobPeopleSchema } from './reports/job-people.ts';
import {
  isCrewPin,
  parseCrew,
  parseErrorBody,
  parseJobPeople,
  parseSessionInfo,
  signInProblems,
} from './start-parsers.ts';

/** The twin must agree with zod on every input: same verdict, same data (defaults included). */
function sameAsZod(
  schema: { safeParse(value: unknown): { success: boolean; data?: unknown } },
  parse: (value: unknown) => { success: boolean; data?: unknown },
) {
  return (value: unknown) => {
    const expected = schema.safeParse(value);
    const actual = parse(value);
    expect(actual.success).toBe(expected.success);
    if (actual.success) expect(actual.data).toEqual(expected.data);
  };
}

/** A field's value: usually a plausible one, sometimes anything, sometimes missing. */
const maybe = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 6, arbitrary: valid },
    { weight: 1, arbitrary: fc.anything() },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
const uuid = fc.oneof(
  fc.uuid(),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', ''),
);
const int = (min: number, max: number) =>
  fc.oneof(fc.integer({ min: min - 5, max: max + 5 }), fc.double(), fc.constantFrom(Infinity, NaN, 2 ** 60, '12'));
/** Drop keys that came out undefined half of the time: a missing key and an undefined one both occur. */
const object = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc
    .tuple(fc.record(fields), fc.boolean())
    .map(([value, prune]) =>
      prune ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) : value,
    );

const member = object({
  id: maybe(uuid),
  name: maybe(fc.string()),
  role: maybe(fc.constantFrom('technician', 'lead', 'office', 'admin', 'boss')),
  teamId: maybe(uuid),
  extra: fc.option(fc.string()),
});
const photos = object({
  maxBytes: maybe(int(64 * 1024, 50 * 1024 * 1024)),
  maxPerJob: maybe(int(1, 1000)),
  allowedTypes: maybe(
    fc.array(fc.constantFrom('image/jpeg', 'image/webp', 'image/png', 'image/gif'), { maxLength: 3 }),
  ),
  longEdge: maybe(int(640, 8192)),
  encodeAs: maybe(fc.constantFrom('image/jpeg', 'image/webp', 'image/png')),
  keepLocation: maybe(fc.boolean()),
});
const session = object({
  user: maybe(
    object({
      id: maybe(uuid),
      name: maybe(fc.string()),
      email: maybe(fc.string()),
      role: maybe(fc.constantFrom('technician', 'lead', 'office', 'admin', 'x')),
      teamId: maybe(uuid),
    }),
  ),
  org: maybe(
    object({
      id: maybe(uuid),
      name: maybe(fc.string()),
      photos: maybe(photos),
      locale: maybe(fc.constantFrom('en', 'pl', 'de')),
      crew: maybe(object({ idleMinutes: maybe(int(1, 240)) })),
    }),
  ),
  csrfToken: maybe(fc.string()),
});

describe('start-path parsers agree with the zod schemas', () => {
  it('session info (API answers and sessions cached by older versions)', () => {
    fc.assert(fc.property(session, sameAsZod(sessionInfoSchema, parseSessionInfo)), { numRuns: 3000 });
  });

  it('a complete session from the API passes unchanged', () => {
    const value = {
      user: { id: crypto.randomUUID(), name: 'Tess', email: 't@example.com', role: 'technician', teamId: null },
      org: { id: crypto.randomUUID(), name: 'Acme', locale: 'pl', crew: { idleMinutes: 15 } },
      csrfToken: 'x',
    };
    sameAsZod(sessionInfoSchema, parseSessionInfo)(value);
    expect(parseSessionInfo(value)).toMatchObject({ success: true, data: { org: { locale: 'pl' } } });
  });

  it('error bodies', () => {
    const body = object({
      code: maybe(fc.constantFrom(...Object.values(ERROR_CODES), 'nope')),
      message: maybe(fc.string()),
      issues: maybe(
        fc.array(maybe(object({ path: maybe(fc.string()), message: maybe(fc.string()) })), { maxLength: 3 }),
      ),
      detail: maybe(
        object({
          key: maybe(fc.string({ maxLength: 120 })),
          params: maybe(fc.dictionary(fc.string(), maybe(fc.oneof(fc.string(), fc.double())))),
        }),
      ),
    });
    fc.assert(fc.property(body, sameAsZod(errorBodySchema, parseErrorBody)), { numRuns: 3000 });
  });

  it('crew lists', () => {
    const crew = object({ members: maybe(fc.array(maybe(member), { maxLength: 4 })) });
    fc.assert(fc.property(crew, sameAsZod(crewSchema, parseCrew)), { numRuns: 2000 });
  });

  it('a job’s people', () => {
    const people = object({
      people: maybe(
        fc.array(maybe(object({ id: maybe(uuid), name: maybe(fc.string()), extra: fc.option(fc.string()) })), {
          maxLength: 4,
        }),
      ),
    });
    fc.assert(fc.property(people, sameAsZod(jobPeopleSchema, parseJobPeople)), { numRuns: 2000 });
  });

  it('PINs', () => {
    const pin = fc.oneof(fc.stringMatching(/^\d{2,10}$/), fc.string(), fc.anything());
    fc.assert(
      fc.property(pin, (value) => {
        expect(isCrewPin(value)).toBe(crewPinSchema.safeParse(value).success);
      }),
    );
  });

  it('the sign-in form', () => {
    const email = fc.oneof(
      fc.emailAddress(),
      fc.string(),
      fc.constantFrom('a@b.co', 'a..b@c.de', '.a@b.cd', 'a@b', `${'a'.repeat(250)}@b.cd`),
    );
    const password = fc.string({ maxLength: 205 });
    fc.assert(
      fc.property(email, password, (e, p) => {
        const parsed = signInRequestSchema.safeParse({ email: e, password: p });
        const refused = new Set(parsed.success ? [] : parsed.error.issues.map((issue) => issue.path[0]));
        expect(signInProblems({ email: e, password: p })).toEqual({
          email: refused.has('email'),
          password: refused.has('password'),
        });
      }),
      { numRuns: 3000 },
    );
  });
});
