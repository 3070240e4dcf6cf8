import { describe, expect, it } from 'vitest';
import { localDateAndTime, moveTo } from './move-to.ts';

const job = {
  scheduledStart: new Date(2026, 10, 21, 9, 30).toISOString(),
  scheduledEnd: new Date(2026, 10, 21, 11, 0).toISOString(),
};

describe('moveTo', () => {
  it('starts the job at the chosen local day and time and keeps its length', () => {
    expect(moveTo(job, '2026-11-24', '14:15')).toEqual({
      scheduledStart: new Date(2026, 10, 24, 14, 15).toISOString(),
      scheduledEnd: new Date(2026, 10, 24, 15, 45).toISOString(),
    });
  });

  it('moves across a month end', () => {
    expect(moveTo(job, '2026-12-01', '09:30')?.scheduledStart).toBe(new Date(2026, 11, 1, 9, 30).toISOString());
  });

  it('refuses dates and times that do not exist instead of rolling them over', () => {
    expect(moveTo(job, '2026-02-31', '09:00')).toBeNull();
    expect(moveTo(job, '2026-11-24', '24:00')).toBeNull();
    expect(moveTo(job, '', '09:00')).toBeNull();
    expect(moveTo(job, '2026-11-24', '')).toBeNull();
    expect(moveTo(job, '24.11.2026', '09:00')).toBeNull();
  });

  it('is null when nothing would change', () => {
    const { date, time } = localDateAndTime(job.scheduledStart);
    expect(moveTo(job, date, time)).toBeNull();
  });
});

describe('localDateAndTime', () => {
  it('gives the inputs the local day and minute', () => {
    expect(localDateAndTime(new Date(2026, 0, 5, 7, 3).toISOString())).toEqual({ date: '2026-01-05', time: '07:03' });
  });
});
