import { z } from 'zod';
import { idSchema } from '../ids.ts';
import { storableDateTime } from '../storable-date.ts';

/** A filter may name this many values of one kind (a person ticks them; more is not a person). */
export const MAX_FILTER_VALUES = 50;

const isoDateTime = storableDateTime();

/**
 * `?teamId=a&teamId=b` arrives as an array, `?teamId=a` as a string: both are a list, so a client
 * that sends one value (as every client did before multi-select filters) keeps working.
 */
export const many = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (v === undefined || Array.isArray(v) ? v : [v]),
    z.array(item).max(MAX_FILTER_VALUES, { message: `must name at most ${MAX_FILTER_VALUES} values` }),
  );

/**
 * The job filters the office's jobs table, its export and the review queue share: any of these
 * job types, teams and technicians (each list is "any of"; lists combine with "and"), scheduled
 * start at or after `from` and before `to`.
 */
export const jobFilterFields = {
  jobTypeId: many(idSchema).optional(),
  teamId: many(idSchema).optional(),
  assigneeId: many(idSchema).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
};

/** `to` must come after `from` (an empty range is a mistake, not "no jobs"). */
export const fromBeforeTo: [
  (q: { from?: string | undefined; to?: string | undefined }) => boolean,
  { message: string; path: string[] },
] = [(q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { message: 'must be after from', path: ['to'] }];
