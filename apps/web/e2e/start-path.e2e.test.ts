import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEB_DIST } from './harness/paths.ts';

/**
 * What the technician's phone downloads before its home can show (ADR 0039), read from the build
 * this suite serves: the entry and the technician home's chunk with every chunk they import
 * statically. zod (≈ 24 kB brotli) and TanStack Query load later (the sync engine's steps and the
 * screens' layout), so neither may be reachable from here. A component on the home that imports a
 * zod schema pulls it back in without a word; the job-people lookup once did (its zod-free twin is
 * in packages/domain/src/start-parsers.ts).
 */
type Chunk = { file: string; imports?: string[]; isEntry?: boolean };
const manifest = JSON.parse(readFileSync(join(WEB_DIST, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;

function staticGraph(...roots: string[]): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build's manifest`);
    seen.add(key);
    for (const next of chunk.imports ?? []) visit(next);
  };
  roots.forEach(visit);
  return [...seen].map((key) => manifest[key]!.file);
}

describe('the technician home’s start path', () => {
  it('carries no zod and no TanStack Query', () => {
    const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;
    const files = staticGraph(entry, 'src/app/routes/technician-home.tsx');
    expect(files.length).toBeGreaterThan(3);
    const carrying = (marker: RegExp) =>
      files.filter((file) => marker.test(readFileSync(join(WEB_DIST, file), 'utf8')));
    expect(carrying(/ZodError|\b_zod\b/), 'chunks with zod').toEqual([]);
    expect(carrying(/QueryClient|queryClient/), 'chunks with TanStack Query').toEqual([]);
  });
});
