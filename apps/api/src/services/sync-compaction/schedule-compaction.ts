import type { FastifyInstance } from 'fastify';
import { DEFAULT_TOMBSTONE_KEEP } from '@lastmile/sync/server';
import { scheduleSweep } from '../schedule-sweep.ts';
import { compactAllOrganizations } from './compact-all.ts';

/**
 * Compacts the change log a minute after start and every `everyMinutes` (COMPACTION_EVERY_MINUTES,
 * 10 by default), so the log grows with the data, not with its history. Across processes, one
 * runs at a time (compact-all.ts). Tombstones stay `keepDays` days (COMPACTION_KEEP_DAYS, 30) and
 * 10,000 versions (ADR 0047).
 */
export function scheduleCompaction(app: FastifyInstance, everyMinutes: number, keepDays: number): void {
  const keep = { ...DEFAULT_TOMBSTONE_KEEP, days: keepDays };
  const afterIds = new Map<string, number>();
  scheduleSweep(app, {
    name: 'compacted the change log',
    everyMinutes,
    firstAfterMs: 60_000,
    run: () => compactAllOrganizations(app.db, afterIds, { keep }),
    report: (result) => (result !== 'busy' && result.removed > 0 ? result : null),
  });
}
