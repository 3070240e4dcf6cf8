import { gt, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { AppError, ERROR_CODES, idSchema } from '@lastmile/domain';

/**
 * Opaque cursors of /api/v1 lists: the last row's id, base64url-wrapped with a version tag so the
 * format can change without old clients' cursors being misread. Pages are ordered by id (a
 * UUID): each row has one place in that order whenever it was inserted, so rows inserted while a
 * client pages can neither repeat nor push another row out of its page.
 */
const VERSION = 'v1';

export function encodeCursor(lastId: string): string {
  return Buffer.from(`${VERSION}:${lastId}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.startsWith(`${VERSION}:`) ? text.slice(VERSION.length + 1) : '';
  // Node's decoder skips characters outside the alphabet and a last character short of a byte,
  // so `<cursor>!` or `<cursor>x` read as the cursor: only the exact text this API gave out is
  // one, as a client that mangled it should hear rather than page on from a guess.
  if (!idSchema.safeParse(id).success || encodeCursor(id) !== cursor) {
    throw new AppError(ERROR_CODES.validation, 'Invalid request query: cursor: is not a cursor this API gave out', [
      { path: 'cursor', message: 'is not a cursor this API gave out' },
    ]);
  }
  return id;
}

/** The condition "after the cursor" on the id column (none for the first page). */
export function afterCursor(idColumn: PgColumn, cursor: string | undefined): SQL | undefined {
  return cursor === undefined ? undefined : gt(idColumn, decodeCursor(cursor));
}

/**
 * One page from `limit + 1` rows read in id order: the extra row only says whether there is a
 * next page, so the last page says `nextCursor: null` without another request.
 */
export function pageOf<R extends { id: string }, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(map), nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
