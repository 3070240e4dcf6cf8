const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days since the last contact; 0 on the day itself (and for a clock a little ahead). */
export function daysWithoutContact(lastContactAt: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(lastContactAt).getTime()) / DAY_MS));
}

/** Bytes as megabytes with one decimal under 10 MB, whole above (`0.4`, `12`, `1 536`). */
export function megabytes(bytes: number): number {
  const mb = bytes / (1024 * 1024);
  return mb < 10 ? Math.round(mb * 10) / 10 : Math.round(mb);
}

/** The short id an admin can tell devices apart by (the same one the audit trail shows). */
export function shortClientId(clientId: string): string {
  return clientId.slice(0, 12);
}
