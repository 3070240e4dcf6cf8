import { isStorableInstant } from '../storable-date.ts';

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads a date-time as spreadsheets write it: ISO 8601 with an offset (`2026-03-02T08:00+01:00`,
 * `…Z`), or a wall-clock time without one (`2026-03-02 08:00`), which is taken in `timeZone`.
 * Returns null for anything else, including impossible dates (February 30th).
 */
export function parseZonedDateTime(text: string, timeZone: string): Date | null {
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // PostgreSQL cannot store year 0000 (1 BC), and a year under 1000 (a year typed short:
  // "0026") would be stored but read back as another date: only what `storableDateTime` takes.
  if (year < 1000) return null;
  const wall = utcTime(year, month, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59)
    return null;
  const offset = m[7];
  if (offset) {
    if (offset.toUpperCase() === 'Z') return storable(new Date(wall));
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    return storable(new Date(wall - sign * minutes * 60_000));
  }
  // The zone's offset at that instant; a second pass settles times near a DST change.
  let utc = wall - zoneOffsetMs(wall, timeZone);
  utc = wall - zoneOffsetMs(utc, timeZone);
  return storable(new Date(utc));
}

function storable(date: Date): Date | null {
  return isStorableInstant(date) ? date : null;
}

/**
 * `Date.UTC` with the year as written: `Date.UTC` reads years 0–99 as 1900–1999, so a sheet's
 * "0026-03-02 08:00" (a year typed short) was imported as 1926 instead of being what it says
 * (found by an outsider tester).
 */
function utcTime(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = utcTime(get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}
