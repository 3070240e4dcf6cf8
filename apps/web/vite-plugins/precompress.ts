import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.webmanifest', '.json', '.txt', '.xml']);

/**
 * Files that keep their name from one release to the next. A deployment may patch them in place
 * (and the update test does), and a .br beside them would then quietly serve the old release;
 * they are small and the server compresses them as it sends them.
 */
const UNHASHED = new Set(['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest', 'zod-jitless.js']);

export type PrecompressedFile = { file: string; size: number; br: number; gzip: number };

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Writes `<file>.br` (brotli, best quality) and `<file>.gz` (gzip -9) beside every compressible,
 * content-hashed file of a build, when smaller than the file; the API serves the one a browser
 * accepts (@fastify/static `preCompressed`). Best quality is affordable here and not per request.
 */
export async function precompressDir(dir: string): Promise<PrecompressedFile[]> {
  const done: PrecompressedFile[] = [];
  for (const path of await filesUnder(dir)) {
    if (!COMPRESSIBLE.has(extname(path)) || UNHASHED.has(basename(path))) continue;
    const bytes = await readFile(path);
    const [br, gz] = await Promise.all([
      brotli(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }),
      gzipAsync(bytes, { level: constants.Z_BEST_COMPRESSION }),
    ]);
    if (br.length < bytes.length) await writeFile(`${path}.br`, br);
    if (gz.length < bytes.length) await writeFile(`${path}.gz`, gz);
    done.push({ file: path.slice(dir.length + 1), size: bytes.length, br: br.length, gzip: gz.length });
  }
  return done;
}

/** After everything else has written its files (vite-plugin-pwa writes sw.js when the bundle closes). */
export function precompress(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'lastmile:precompress',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const outDir = resolve(config.root, config.build.outDir);
        const files = await precompressDir(outDir);
        const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
        for (const f of files.filter((file) => file.size >= 10_240)) {
          config.logger.info(`precompressed ${f.file}: ${kb(f.size)} → br ${kb(f.br)}, gzip ${kb(f.gzip)}`);
        }
      },
    },
  };
}
