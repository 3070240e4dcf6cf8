// Apart from attachment.ts (zod): the web app's start path uses these without zod (ADR 0034).

/**
 * The image types a phone may upload. The server checks the bytes (magic numbers), not only
 * this declared type, so an HTML file renamed .jpg is refused.
 */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/webp', 'image/png'] as const;

/** The largest file any organization may allow; an organization's own limit is at most this. */
export const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;
