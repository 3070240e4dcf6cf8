import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { SNIFF_BYTES, sniffImageType } from './sniff-image.ts';

const text = (value: string) => new TextEncoder().encode(value);
const image = (format: 'jpeg' | 'png' | 'webp') =>
  sharp({ create: { width: 4, height: 3, channels: 3, background: '#c0ffee' } })
    .toFormat(format)
    .toBuffer();

describe('sniffImageType', () => {
  it.each([
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['webp', 'image/webp'],
  ] as const)('recognises a real %s from its first %d bytes', async (format, type) => {
    const bytes = await image(format);
    expect(sniffImageType(bytes)).toBe(type);
    expect(sniffImageType(bytes.subarray(0, SNIFF_BYTES))).toBe(type);
  });

  it.each([
    ['an HTML page', text('<!doctype html><html><body><img src=x onerror=alert(1)></body></html>')],
    ['an SVG', text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['an SVG without prolog', text('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['a GIF', text('GIF89a\x01\x00\x01\x00')],
    ['a PDF', text('%PDF-1.7\n')],
    ['a RIFF that is not WebP (WAV)', text('RIFF\x24\x00\x00\x00WAVEfmt ')],
    ['nothing', new Uint8Array(0)],
  ])('refuses %s', (_label, bytes) => {
    expect(sniffImageType(bytes)).toBeNull();
  });

  it('refuses headers cut short', async () => {
    expect(sniffImageType(new Uint8Array([0xff, 0xd8]))).toBeNull();
    const png = await image('png');
    expect(sniffImageType(png.subarray(0, 7))).toBeNull();
    const webp = await image('webp');
    expect(sniffImageType(webp.subarray(0, 11))).toBeNull();
    expect(sniffImageType(webp.subarray(0, 4))).toBeNull();
  });
});
