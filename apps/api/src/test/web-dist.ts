import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

/** A built PWA in miniature: what apps/web/dist holds after `vite build`, precompressed copies included. */
export type WebDist = {
  dir: string;
  /** The content-hashed bundle (compressible), with the sizes of the .br and .gz beside it. */
  script: { url: string; text: string; sizes: { br: number; gzip: number } };
  remove(): void;
};

export function createWebDist(): WebDist {
  const dir = mkdtempSync(join(tmpdir(), 'lm-web-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'icons'));
  const html =
    '<!doctype html><html lang="en"><head><title>Lastmile</title>' +
    '<script type="module" crossorigin src="/assets/index-abc12345.js"></script></head>' +
    '<body><div id="root"></div></body></html>';
  writeFileSync(join(dir, 'index.html'), html);
  // Revalidated and compressed on the fly (the build leaves no .br beside it).
  writeFileSync(join(dir, 'sw.js'), `self.addEventListener("fetch", () => {});\n${'// precache\n'.repeat(200)}`);
  const text = Array.from({ length: 400 }, (_, i) => `export const line${i} = "the same text, over and over";`).join(
    '\n',
  );
  writeFileSync(join(dir, 'assets', 'index-abc12345.js'), text);
  const br = brotliCompressSync(text);
  const gzip = gzipSync(text);
  writeFileSync(join(dir, 'assets', 'index-abc12345.js.br'), br);
  writeFileSync(join(dir, 'assets', 'index-abc12345.js.gz'), gzip);
  // Not compressible: sent as is, whatever the browser accepts.
  writeFileSync(join(dir, 'icons', 'favicon-32.png'), Buffer.alloc(4096, 7));
  return {
    dir,
    script: { url: '/assets/index-abc12345.js', text, sizes: { br: br.length, gzip: gzip.length } },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
