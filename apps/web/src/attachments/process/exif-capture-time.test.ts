import { describe, expect, it } from 'vitest';
import { readExifCaptureTime } from './exif-capture-time.ts';

type Entry = { tag: number; type: number; count: number; value: number | string };

/** A TIFF block (IFD0 + optional Exif IFD) in the given byte order, as a camera writes it. */
function tiff(little: boolean, ifd0: Entry[], exif: Entry[] | null): Uint8Array {
  const bytes = new Uint8Array(1024);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, little ? 0x4949 : 0x4d4d);
  view.setUint16(2, 42, little);
  view.setUint32(4, 8, little);
  let data = 600; // values longer than 4 bytes go here
  const writeIfd = (at: number, entries: Entry[]) => {
    view.setUint16(at, entries.length, little);
    entries.forEach((entry, i) => {
      const e = at + 2 + i * 12;
      view.setUint16(e, entry.tag, little);
      view.setUint16(e + 2, entry.type, little);
      view.setUint32(e + 4, entry.count, little);
      if (typeof entry.value === 'number') view.setUint32(e + 8, entry.value, little);
      else {
        view.setUint32(e + 8, data, little);
        for (const ch of entry.value) bytes[data++] = ch.charCodeAt(0);
        bytes[data++] = 0;
      }
    });
  };
  const exifAt = 300;
  writeIfd(8, exif ? [...ifd0, { tag: 0x8769, type: 4, count: 1, value: exifAt }] : ifd0);
  if (exif) writeIfd(exifAt, exif);
  return bytes.slice(0, data);
}

/** SOI, APP0 (JFIF), APP1 (Exif + tiff), then a start of scan. */
function jpeg(tiffBytes: Uint8Array): ArrayBuffer {
  const app1Length = 2 + 6 + tiffBytes.length;
  const parts = [
    [0xff, 0xd8],
    [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
    [0xff, 0xe1, app1Length >> 8, app1Length & 0xff, 0x45, 0x78, 0x69, 0x66, 0, 0],
    [...tiffBytes],
    [0xff, 0xda, 0x00, 0x02, 0x12, 0x34],
  ].flat();
  return new Uint8Array(parts).buffer;
}

const original = (value: string): Entry => ({ tag: 0x9003, type: 2, count: 20, value });
const dateTime = (value: string): Entry => ({ tag: 0x0132, type: 2, count: 20, value });
const local = (...parts: [number, number, number, number, number, number]) =>
  new Date(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]);

describe('readExifCaptureTime', () => {
  it('reads DateTimeOriginal as local time, in both byte orders, before DateTime', () => {
    for (const little of [true, false]) {
      const bytes = jpeg(tiff(little, [dateTime('2025:06:01 09:00:00')], [original('2025:06:01 09:12:34')]));
      expect(readExifCaptureTime(bytes)).toEqual(local(2025, 6, 1, 9, 12, 34));
    }
  });

  it('falls back to the IFD0 DateTime when there is no DateTimeOriginal', () => {
    expect(readExifCaptureTime(jpeg(tiff(true, [dateTime('2024:12:31 23:59:59')], [])))).toEqual(
      local(2024, 12, 31, 23, 59, 59),
    );
    expect(readExifCaptureTime(jpeg(tiff(false, [dateTime('2024:02:29 07:00:00')], null)))).toEqual(
      local(2024, 2, 29, 7, 0, 0),
    );
  });

  it('returns null for blank or impossible dates and for files without EXIF', () => {
    for (const text of ['0000:00:00 00:00:00', '2025:02:31 10:00:00', '2025:13:01 10:00:00', '2025-06-01 10:00:00']) {
      expect(readExifCaptureTime(jpeg(tiff(true, [], [original(text)])))).toBeNull();
    }
    expect(readExifCaptureTime(new Uint8Array([0x89, 0x50, 0x4e, 0x47]).buffer)).toBeNull();
    expect(readExifCaptureTime(new TextEncoder().encode('hello, not a photo').buffer)).toBeNull();
    expect(readExifCaptureTime(new ArrayBuffer(0))).toBeNull();
  });

  it('never reads out of bounds: every truncation and every corrupted byte gives a date or null', () => {
    const bytes = new Uint8Array(
      jpeg(tiff(false, [dateTime('2025:06:01 09:00:00')], [original('2025:06:01 09:12:34')])),
    );
    for (let length = 0; length < bytes.length; length++) {
      const result = readExifCaptureTime(bytes.slice(0, length).buffer);
      expect(result === null || result instanceof Date).toBe(true);
    }
    for (let i = 0; i < bytes.length; i++) {
      for (const value of [0x00, 0xff, 0x7f]) {
        const copy = bytes.slice();
        copy[i] = value;
        const result = readExifCaptureTime(copy.buffer);
        expect(result === null || !Number.isNaN(result.getTime())).toBe(true);
      }
    }
  });
});
