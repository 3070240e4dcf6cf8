import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '@lastmile/domain';
import { decodeCursor, encodeCursor, pageOf } from './cursor.ts';

describe('API cursors', () => {
  it('give back the id they were made from', () => {
    fc.assert(
      fc.property(fc.uuid({ version: 4 }), (id) => {
        expect(decodeCursor(encodeCursor(id))).toBe(id);
      }),
    );
  });

  it('refuse anything else with a validation error, never another exception', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        try {
          decodeCursor(text);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe('validation');
        }
      }),
    );
  });

  it('refuse a cursor with anything added, even what the base64url decoder would skip', () => {
    const cursor = encodeCursor('0b9e2f4c-6c1d-4f0a-9d3e-8a7b6c5d4e3f');
    for (const mangled of [`${cursor}garbage`, `${cursor}x`, `${cursor}!`, `${cursor}==`, ` ${cursor}`]) {
      expect(() => decodeCursor(mangled), mangled).toThrow(AppError);
    }
    const extraPart = Buffer.from('v1:0b9e2f4c-6c1d-4f0a-9d3e-8a7b6c5d4e3f:more').toString('base64url');
    expect(() => decodeCursor(extraPart)).toThrow(AppError);
  });

  it('say there is a next page only when a row beyond the page was read', () => {
    const rows = ['a', 'b', 'c'].map((id) => ({ id }));
    expect(pageOf(rows, 3, (r) => r.id)).toEqual({ items: ['a', 'b', 'c'], nextCursor: null });
    const page = pageOf(rows, 2, (r) => r.id);
    expect(page.items).toEqual(['a', 'b']);
    expect(page.nextCursor).toBe(encodeCursor('b'));
  });
});
