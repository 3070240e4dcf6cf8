#!/usr/bin/env node
// `pnpm bench [filter...]`: runs every benchmark file (packages/*/bench/*.bench.ts and
// apps/*/bench/*.bench.ts) with tsx, one after another so they do not compete for the two cores,
// streaming their output. Benchmarks print their own figures and baselines; this runner only
// finds them, runs them from their package directory and reports which ones failed.
// A filter keeps only files whose path contains one of the given words: `pnpm bench sync push`
// (a word that is a benchmark's whole name picks just that one).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsxCli = fileURLToPath(import.meta.resolve('tsx/cli'));
const filters = process.argv.slice(2).filter((arg) => arg !== '--');

/** @returns {{ dir: string, file: string }[]} */
function findBenchmarks() {
  const found = [];
  for (const area of ['packages', 'apps']) {
    const areaDir = join(root, area);
    if (!existsSync(areaDir)) continue;
    for (const pkg of readdirSync(areaDir, { withFileTypes: true })) {
      if (!pkg.isDirectory()) continue;
      const dir = join(areaDir, pkg.name);
      const benchDir = join(dir, 'bench');
      if (!existsSync(benchDir)) continue;
      for (const name of readdirSync(benchDir).sort()) {
        if (name.endsWith('.bench.ts')) found.push({ dir, file: join(benchDir, name) });
      }
    }
  }
  // A filter that is exactly a benchmark's name (`load` for load.bench.ts) picks that one only, so
  // `pnpm bench load` does not also run uploads.bench.ts; any other filter matches part of the path.
  const named = (file) => basename(file, '.bench.ts');
  const matches = (file, f) =>
    found.some((b) => named(b.file) === f) ? named(file) === f : relative(root, file).includes(f);
  return found.filter(({ file }) => filters.length === 0 || filters.some((f) => matches(file, f)));
}

/** @returns {Promise<number>} the exit code */
function run(dir, file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsxCli, file], { cwd: dir, stdio: 'inherit', env: process.env });
    child.on('error', (error) => {
      console.error(`could not start ${file}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const benchmarks = findBenchmarks();
if (benchmarks.length === 0) {
  const where = 'packages/*/bench/*.bench.ts or apps/*/bench/*.bench.ts';
  console.log(
    filters.length
      ? `No benchmark in ${where} matches: ${filters.join(' ')}`
      : `No benchmarks yet (looked for ${where}).`,
  );
  process.exit(0);
}

const results = [];
for (const [index, { dir, file }] of benchmarks.entries()) {
  const name = relative(root, file);
  console.log(`\n${'='.repeat(80)}\n ▶ [${index + 1}/${benchmarks.length}] ${name}\n${'='.repeat(80)}`);
  const started = performance.now();
  const code = await run(dir, file);
  const seconds = (performance.now() - started) / 1000;
  results.push({ name, code, seconds });
  console.log(`--- ${name}: ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${seconds.toFixed(1)}s`);
}

console.log(`\n${'='.repeat(80)}\n Benchmarks\n${'='.repeat(80)}`);
for (const { name, code, seconds } of results) {
  console.log(` ${name.padEnd(60)} ${`${seconds.toFixed(1)}s`.padStart(8)}  ${code === 0 ? 'ok' : 'FAILED'}`);
}
const failed = results.filter((r) => r.code !== 0).length;
if (failed > 0) {
  console.log(`${failed} of ${results.length} benchmark files failed`);
  process.exit(1);
}
