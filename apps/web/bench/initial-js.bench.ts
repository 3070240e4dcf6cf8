/**
 * Initial JavaScript per page, brotli-compressed, from the last build (`pnpm --filter
 * @lastmile/web build` first): the entry's static imports for the sign-in page, plus the lazy
 * chunks each signed-in start screen loads at once (the shell, the layout route above every
 * screen but the technician home, and the role's home). Baseline in the same run: all of the app's
 * JavaScript, which is what every page loaded before the routes were split (one 780 kB script,
 * 192.2 kB brotli at 424f7d6). Goal (issue 10): sign-in and technician home ≤ 150 kB.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

type Chunk = { file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean };

const dist = process.env['BENCH_WEB_DIST'] ?? join(import.meta.dirname, '..', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`${manifestPath} is missing: run pnpm --filter @lastmile/web build first`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, Chunk>;

/** The brotli size the server sends: the build's .br, or the file compressed the same way. */
function brotliSize(file: string): number {
  const path = join(dist, file);
  if (existsSync(`${path}.br`)) return readFileSync(`${path}.br`).length;
  const bytes = readFileSync(path);
  return brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } })
    .length;
}

/** A chunk and everything it imports statically (what the browser fetches before running it). */
function closure(keys: string[], into = new Set<string>()): Set<string> {
  for (const key of keys) {
    if (into.has(key)) continue;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    into.add(key);
    closure(chunk.imports ?? [], into);
  }
  return into;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const total = (keys: Set<string>) =>
  [...keys]
    .filter((key) => manifest[key]!.file.endsWith('.js'))
    .reduce((sum, key) => sum + brotliSize(manifest[key]!.file), 0);

/** Lazy modules that are loaded at once when the page opens (not on a later navigation). */
const lazyAtStart = (sources: string[]) => sources.filter((source) => manifest[source]);
const entry = 'index.html';
const shell = lazyAtStart(['src/app/signed-in-shell.tsx']);
// Every screen but the technician home sits under this layout route (ADR 0039).
const screensLayout = lazyAtStart(['src/app/routes/screens-layout.tsx']);
const pages: [string, string[]][] = [
  ['sign-in', [entry]],
  ['technician home', [entry, ...shell, 'src/app/routes/technician-home.tsx']],
  ['lead board', [entry, ...shell, ...screensLayout, 'src/app/routes/lead-home.tsx']],
  ['office jobs', [entry, ...shell, ...screensLayout, 'src/app/routes/office-home.tsx']],
];
const allJs = new Set(
  Object.keys(manifest).filter((key) => manifest[key]!.file.endsWith('.js') && !key.includes('worker')),
);

console.log('initial JavaScript, brotli (goal ≤ 150 kB for sign-in and technician home)');
console.log(`  baseline: all app JavaScript (loaded by every page before route splitting)  ${kb(total(allJs))}`);
for (const [name, keys] of pages) console.log(`  ${name.padEnd(16)} ${kb(total(closure(keys))).padStart(9)}`);
