import { z } from 'zod';

/**
 * What `z.iso.datetime({ offset: true })` takes, said so a client can fix it: its own "Invalid ISO
 * datetime" refused ISO 8601 forms that other languages write (`09:41Z`, `+0100`, no offset), and
 * left their authors guessing (docs/sync-protocol.md, Push).
 */
export const RFC3339_MESSAGE = 'must be an ISO 8601 date-time with seconds and a Z or ±hh:mm offset';

/**
 * An ISO 8601 date-time with a time zone that PostgreSQL can store and the server can read back:
 * one whose instant, in UTC, falls in the years 1000 to 9999. ISO's year 0000 (1 BC) passes
 * `z.iso.datetime` but PostgreSQL refuses it (22008), which answered 500 from `/api/v1/jobs` and
 * cut a CSV export off mid-stream; years 1 to 99 are stored, but read back through drizzle
 * (`new Date` on PostgreSQL's text) as other dates or none at all — 0099 became 1999, 0001-12-03
 * became 2003-01-12, 0026 was an invalid date and the change was refused as a server error (all
 * found by outsider testers). No job, visit or photo of this app is dated before the year 1000:
 * anything outside is the client's mistake, named as one.
 */
export function storableDateTime(message = RFC3339_MESSAGE) {
  return z.iso
    .datetime({ offset: true, message })
    .refine((value) => isStorableInstant(new Date(value)), { message: 'must be a date from the year 1000 to 9999' });
}

/** Whether an instant falls, in UTC, in the years 1000 to 9999 (`storableDateTime`). */
export function isStorableInstant(date: Date): boolean {
  const year = date.getUTCFullYear();
  return year >= 1000 && year <= 9999;
}
