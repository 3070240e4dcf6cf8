const KEY = 'lastmile.sessionEnded';

/**
 * Whether the server ended the last session on this device (expired, revoked, deactivated) rather
 * than the person signing out. The sign-in screen says so until the next sign-in, also after a
 * reload or an app the phone closed meanwhile: a technician who finds the sign-in screen the next
 * morning learns why, instead of wondering what they did. Read synchronously at start, like the
 * start hint; without storage the notice shows only until the page goes.
 */
export function sessionEndedHere(): boolean {
  try {
    return localStorage.getItem(KEY) !== null;
  } catch {
    return false;
  }
}

export function rememberSessionEnded(ended: boolean): void {
  try {
    if (ended) localStorage.setItem(KEY, new Date().toISOString());
    else localStorage.removeItem(KEY);
  } catch {
    // Private mode or a full disk: the notice lasts as long as the page.
  }
}
