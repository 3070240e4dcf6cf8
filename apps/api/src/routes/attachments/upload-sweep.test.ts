import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ABANDONED_AFTER_MS, sweepAbandonedUploads } from './upload-sweep.ts';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('the sweep of abandoned partial uploads', () => {
  it('removes only uploads untouched for a week, and copes with a missing folder', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lm-sweep-'));
    const now = Date.now();
    for (const name of ['old', 'old.json', 'fresh', 'fresh.json']) writeFileSync(join(dir, name), 'x');
    const old = (now - ABANDONED_AFTER_MS - 60_000) / 1000;
    utimesSync(join(dir, 'old'), old, old);
    utimesSync(join(dir, 'old.json'), old, old);
    expect(await sweepAbandonedUploads(dir, now)).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['fresh', 'fresh.json']);
    expect(await sweepAbandonedUploads(join(dir, 'missing'), now)).toBe(0);
  });
});
