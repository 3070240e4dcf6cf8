// Apart from password-change.ts (zod): the web app's start path uses this without zod (ADR 0034).

/** Shortest password a person may choose (first admin, own change): length beats complexity rules. */
export const MIN_PASSWORD_LENGTH = 12;
