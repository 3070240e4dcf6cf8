/**
 * The id a job's response to a template gets when the app starts it: derived from the job and the
 * template, so two phones that start the same form offline make the same row (R6). The second
 * `startForm` then simply joins the first, on the server and on the phone, and both people's
 * answers (one row per field) merge without a rename. The server also accepts any other
 * client-chosen id and joins it by alias (apps/api/src/mutators/forms.ts), so this is a
 * convenience of our client, not a rule of the protocol.
 *
 * A UUID (version 8, "custom") from cyrb128 over the two ids: not a cryptographic hash, which is
 * fine here — the inputs are random UUIDs, and an id that collides with an existing form of
 * another job is refused by the server as a conflict, never merged.
 */
export function formResponseIdFor(jobId: string, templateId: string): string {
  const hex = cyrb128(`form-response:${jobId.toLowerCase()}:${templateId.toLowerCase()}`)
    .map((h) => h.toString(16).padStart(8, '0'))
    .join('');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** cyrb128 (bryc, public domain): four 32-bit lanes, well mixed, synchronous. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
