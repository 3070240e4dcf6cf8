// Apart from crew.ts, which holds zod schemas: the web app's start path uses this without zod (ADR 0034).

/** Wrong PINs in a row before that person must sign in online again on this device. */
export const CREW_PIN_ATTEMPTS = 5;
