/**
 * Object URLs for the photos on this device, shared per Blob and revoked once no component has
 * shown one for a while. Created during render (idempotent: one URL per Blob), held by effects,
 * so React's double-run of effects in development never revokes a URL still on screen.
 */
const urls = new Map<Blob, { url: string; holders: number }>();
const RELEASE_DELAY_MS = 5_000;

export function objectUrlFor(blob: Blob): string {
  let entry = urls.get(blob);
  if (!entry) {
    entry = { url: URL.createObjectURL(blob), holders: 0 };
    urls.set(blob, entry);
  }
  return entry.url;
}

export function holdObjectUrl(blob: Blob): () => void {
  const entry = urls.get(blob);
  if (!entry) return () => undefined;
  entry.holders++;
  return () => {
    entry.holders--;
    if (entry.holders > 0) return;
    setTimeout(() => {
      if (entry.holders > 0 || urls.get(blob) !== entry) return;
      URL.revokeObjectURL(entry.url);
      urls.delete(blob);
    }, RELEASE_DELAY_MS);
  };
}
