/**
 * The capture time of a JPEG, read from its EXIF block (APP1): DateTimeOriginal, else the IFD0
 * DateTime. Nothing else is read, and every offset is checked against the bytes at hand, because
 * the bytes come from any file a person picks. Returns null when there is no usable time.
 */

const TAG_DATE_TIME = 0x0132;
const TAG_EXIF_IFD = 0x8769;
const TAG_DATE_TIME_ORIGINAL = 0x9003;
const TYPE_ASCII = 2;
const TYPE_LONG = 4;
/** "YYYY:MM:DD HH:MM:SS" */
const EXIF_DATE_LENGTH = 19;
const MAX_IFD_ENTRIES = 512;

/** How much of the file to read: EXIF lives in the first APP1 segment, at most 64 KiB, near the start. */
export const EXIF_HEAD_BYTES = 256 * 1024;

/** The capture time as the device's local time (EXIF stores no time zone), or null. */
export function readExifCaptureTime(head: ArrayBuffer): Date | null {
  const tiff = findExifTiff(new DataView(head));
  if (!tiff) return null;
  const text = readDateTags(tiff);
  return text === null ? null : parseExifDate(text);
}

/** The TIFF structure inside the first "Exif\0\0" APP1 segment of a JPEG. */
function findExifTiff(view: DataView): DataView | null {
  if (view.byteLength < 4 || view.getUint16(0) !== 0xffd8) return null;
  let at = 2;
  while (at + 4 <= view.byteLength) {
    if (view.getUint8(at) !== 0xff) return null;
    const marker = view.getUint8(at + 1);
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    // Start of scan or end of image: the metadata segments are behind us.
    if (marker === 0xda || marker === 0xd9) return null;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = view.getUint16(at + 2);
    if (length < 2) return null;
    const start = at + 4;
    const end = at + 2 + length;
    if (end > view.byteLength) return null;
    if (marker === 0xe1 && end - start > 14 && isExifHeader(view, start)) {
      return new DataView(view.buffer, view.byteOffset + start + 6, end - start - 6);
    }
    at = end;
  }
  return null;
}

function isExifHeader(view: DataView, at: number): boolean {
  // "Exif\0\0"
  return view.getUint32(at) === 0x45786966 && view.getUint16(at + 4) === 0;
}

type Ifd = { tiff: DataView; little: boolean; offset: number };

function readDateTags(tiff: DataView): string | null {
  if (tiff.byteLength < 8) return null;
  const order = tiff.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return null;
  const little = order === 0x4949;
  if (tiff.getUint16(2, little) !== 42) return null;
  const ifd0: Ifd = { tiff, little, offset: tiff.getUint32(4, little) };
  const exifOffset = readLong(ifd0, TAG_EXIF_IFD);
  const original = exifOffset === null ? null : readAscii({ tiff, little, offset: exifOffset }, TAG_DATE_TIME_ORIGINAL);
  return original ?? readAscii(ifd0, TAG_DATE_TIME);
}

/** The 12-byte entry for `tag` in the IFD, or null (also when the IFD lies outside the bytes). */
function findEntry({ tiff, little, offset }: Ifd, tag: number): number | null {
  if (offset < 8 || offset + 2 > tiff.byteLength) return null;
  const count = tiff.getUint16(offset, little);
  if (count > MAX_IFD_ENTRIES) return null;
  for (let i = 0; i < count; i++) {
    const entry = offset + 2 + i * 12;
    if (entry + 12 > tiff.byteLength) return null;
    if (tiff.getUint16(entry, little) === tag) return entry;
  }
  return null;
}

function readLong(ifd: Ifd, tag: number): number | null {
  const entry = findEntry(ifd, tag);
  if (entry === null) return null;
  const { tiff, little } = ifd;
  if (tiff.getUint16(entry + 2, little) !== TYPE_LONG || tiff.getUint32(entry + 4, little) !== 1) return null;
  return tiff.getUint32(entry + 8, little);
}

function readAscii(ifd: Ifd, tag: number): string | null {
  const entry = findEntry(ifd, tag);
  if (entry === null) return null;
  const { tiff, little } = ifd;
  if (tiff.getUint16(entry + 2, little) !== TYPE_ASCII) return null;
  if (tiff.getUint32(entry + 4, little) < EXIF_DATE_LENGTH) return null;
  // Longer than 4 bytes, so the value lives at an offset.
  const at = tiff.getUint32(entry + 8, little);
  if (at + EXIF_DATE_LENGTH > tiff.byteLength) return null;
  let text = '';
  for (let i = 0; i < EXIF_DATE_LENGTH; i++) text += String.fromCharCode(tiff.getUint8(at + i));
  return text;
}

/** "2025:06:01 09:12:34" as local time; null for blanks ("0000:00:00 …") and impossible dates. */
function parseExifDate(text: string): Date | null {
  const match = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < 1900 || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(year, month - 1, day, hour, minute, second);
  // Rejects 2025:02:31 and month 13, which Date would roll over.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date;
}
