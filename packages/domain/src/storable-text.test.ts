import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStorableText, toStorable, toStorableCut, toStorableText } from './storable-text.ts';

/** What PostgreSQL can store: valid UTF-8 without NUL. */
function postgresCanStore(s: string): boolean {
  const roundTrip = new TextDecoder().decode(new TextEncoder().encode(s));
  return roundTrip === s && !s.includes('\u0000');
}

/** Strings built from the characters that break things: NUL, lone and paired surrogates, RTL, combining marks. */
const awkward = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '\u0000',
        '\uD800',
        '\uDBFF',
        '\uDC00',
        '\uDFFF',
        '😀',
        '\u202E',
        'e\u0301',
        'שלום',
        '\uFFFD',
        'a',
      ),
      fc.string({ unit: 'binary' }),
    ),
  )
  .map((parts) => parts.join(''));

describe('storable text', () => {
  it('removes NUL and replaces lone surrogates, keeping everything else', () => {
    expect(toStorableText('a\u0000b')).toBe('ab');
    expect(toStorableText('x\uD800y')).toBe('x\uFFFDy');
    expect(toStorableText('\uDC00😀\uD83D')).toBe('\uFFFD😀\uFFFD');
    expect(toStorableText('Ünïcödé 😀 שלום e\u0301')).toBe('Ünïcödé 😀 שלום e\u0301');
  });

  it('always gives text PostgreSQL can store, leaves storable text alone, and is idempotent', () => {
    fc.assert(
      fc.property(awkward, (s) => {
        const out = toStorableText(s);
        expect(postgresCanStore(out)).toBe(true);
        expect(isStorableText(out)).toBe(true);
        expect(toStorableText(out)).toBe(out);
        expect(isStorableText(s)).toBe(postgresCanStore(s));
        if (postgresCanStore(s)) expect(out).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('makes every string in a JSON value storable, keys included, without copying clean values', () => {
    const clean = { a: ['x', { b: 1, c: null, d: true }] };
    expect(toStorable(clean)).toBe(clean);
    const dirty = { 'k\u0000': ['ok', { v: 'x\uD800' }], n: 3 };
    expect(toStorable(dirty)).toEqual({ k: ['ok', { v: 'x\uFFFD' }], n: 3 });
    expect(dirty['k\u0000'][0]).toBe('ok'); // the input is not modified
    fc.assert(
      fc.property(fc.jsonValue(), awkward, (json, s) => {
        const out = JSON.stringify(toStorable({ json, s, list: [s, { [s]: s }] }));
        expect(postgresCanStore(out)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('cuts what lies deeper than it looks when the value must be kept whole', () => {
    const nest = (depth: number, bottom: unknown): unknown => {
      let value = bottom;
      for (let i = 0; i < depth; i++) value = [value];
      return value;
    };
    const shallow = { a: nest(50, 'x\u0000') };
    expect(toStorableCut(shallow)).toEqual(toStorable(shallow));
    const deep = nest(100_000, 'x\uD800');
    const out = JSON.stringify(toStorableCut(deep));
    expect(postgresCanStore(out)).toBe(true);
    expect(out).toBe(JSON.stringify(nest(201, null)));
  });
});
