import { z } from 'zod';
import { queryNumber } from '../query-number.ts';

export const MAX_API_PAGE_SIZE = 200;

/**
 * Paging of every /api/v1 list: `limit` rows after an opaque `cursor` (the previous page's
 * `nextCursor`). Keyset, so a row inserted while a client pages neither repeats nor hides another.
 */
export const cursorQueryFields = {
  cursor: z.string().max(200, { message: 'is not a cursor this API gave out' }).optional(),
  limit: queryNumber(
    z
      .number()
      .int()
      .min(1, { message: 'must be 1 or more' })
      .max(MAX_API_PAGE_SIZE, { message: `must be at most ${MAX_API_PAGE_SIZE}` })
      .default(50),
  ),
};

export const cursorPageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** Pass it as `cursor` for the next page; null on the last page. */
    nextCursor: z.string().nullable(),
  });
