// Writes the PWA icons as PNGs with nothing but node:zlib, so a fresh machine needs no image
// tools or native modules. Run: node apps/web/scripts/make-icons.mjs (output is committed).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const BRAND = [0x0b, 0x5c, 0xad]; // theme colour #0b5cad
const WHITE = [0xff, 0xff, 0xff];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], row + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A white "L" with a map-pin dot, drawn in unit coordinates (0..1) inside the safe zone. */
function glyph(u, v) {
  const stem = u >= 0.3 && u <= 0.43 && v >= 0.24 && v <= 0.76;
  const foot = u >= 0.3 && u <= 0.7 && v >= 0.63 && v <= 0.76;
  const dot = (u - 0.64) ** 2 + (v - 0.34) ** 2 <= 0.085 ** 2;
  return stem || foot || dot;
}

/**
 * `inset` shrinks the glyph towards the centre: maskable icons must keep their content inside
 * the central 80 % circle, because launchers crop them to their own shapes.
 */
function icon(size, { rounded, inset }) {
  const radius = rounded ? size * 0.18 : 0;
  return encodePng(size, (x, y) => {
    const cx = x + 0.5;
    const cy = y + 0.5;
    if (radius > 0) {
      const dx = Math.max(radius - cx, 0, cx - (size - radius));
      const dy = Math.max(radius - cy, 0, cy - (size - radius));
      if (dx * dx + dy * dy > radius * radius) return [0, 0, 0, 0];
    }
    const u = (cx / size - 0.5) / inset + 0.5;
    const v = (cy / size - 0.5) / inset + 0.5;
    return [...(glyph(u, v) ? WHITE : BRAND), 255];
  });
}

mkdirSync(OUT, { recursive: true });
const files = {
  'icon-192.png': icon(192, { rounded: true, inset: 1 }),
  'icon-512.png': icon(512, { rounded: true, inset: 1 }),
  'maskable-512.png': icon(512, { rounded: false, inset: 0.75 }),
  'apple-touch-icon-180.png': icon(180, { rounded: false, inset: 0.85 }),
  'favicon-32.png': icon(32, { rounded: true, inset: 1 }),
};
for (const [name, png] of Object.entries(files)) {
  writeFileSync(join(OUT, name), png);
  console.log(`wrote ${name} (${png.length} bytes)`);
}
