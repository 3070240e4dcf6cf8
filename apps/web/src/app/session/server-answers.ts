/**
 * What the screens that talk to the server keep of its answers (TanStack Query's cache, which only
 * those lazy screens load: routes/query-layout.tsx). The session ends here without importing it:
 * the cache registers how it is emptied once it exists.
 */
const forgetters = new Set<() => void>();

export function onForgetServerAnswers(forget: () => void): () => void {
  forgetters.add(forget);
  return () => forgetters.delete(forget);
}

/** A session ended or the device was revoked: the next person starts from a clean slate. */
export function forgetServerAnswers(): void {
  for (const forget of forgetters) forget();
}
