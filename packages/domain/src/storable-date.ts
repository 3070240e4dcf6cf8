import { z } from 'zod';

/**
 * An ISO 8601 date-time with a time zone that PostgreSQL can store and compare: ISO's year 0000
 * (1 BC) passes `z.iso.datetime` but PostgreSQL refuses it (22008), which answered 500 from
 * `/api/v1/jobs` and cut a CSV export off mid-stream (found by an outsider tester). Years 0001
 * to 9999 are taken; anything else is the client's mistake, named as one.
 */
export function storableDateTime(message = 'must be an ISO 8601 date-time with a time zone') {
  return z.iso
    .datetime({ offset: true, message })
    .refine((value) => !value.startsWith('0000'), { message: 'must be a date from the year 1 on' });
}
