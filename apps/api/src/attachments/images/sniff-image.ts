export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** How many leading bytes `sniffImageType` needs to decide. */
export const SNIFF_BYTES = 12;

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const RIFF = [0x52, 0x49, 0x46, 0x46]; // "RIFF", then 4 bytes of length
const WEBP = [0x57, 0x45, 0x42, 0x50]; // "WEBP"

const startsWith = (head: Uint8Array, signature: number[], at = 0) =>
  head.length >= at + signature.length && signature.every((byte, i) => head[at + i] === byte);

/**
 * The image type that the first bytes of a file prove, or null. Never trusts a client's
 * Content-Type or file name: an HTML or SVG page uploaded as a "photo" must not be served as one.
 */
export function sniffImageType(head: Uint8Array): ImageType | null {
  if (startsWith(head, JPEG)) return 'image/jpeg';
  if (startsWith(head, PNG)) return 'image/png';
  if (startsWith(head, RIFF) && startsWith(head, WEBP, 8)) return 'image/webp';
  return null;
}
