// Apart from rows.ts (zod): the web app's start path uses it without zod (ADR 0034).

/** The row id of an answer: one row per (response, field), so edits of different fields never collide. */
export function formAnswerId(responseId: string, fieldKey: string): string {
  return `${responseId}:${fieldKey}`;
}
