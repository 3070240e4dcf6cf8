import { useEffect } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Calls `onIdle` once nobody has touched the page for `idleMs` (while `active`). A hidden page
 * counts as idle: a phone put in a pocket comes back to the crew picker.
 */
export function useIdleLock(active: boolean, idleMs: number, onIdle: () => void): void {
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(onIdle, idleMs);
    let hiddenAt: number | null = null;
    const touched = () => {
      clearTimeout(timer);
      timer = setTimeout(onIdle, idleMs);
    };
    const visibility = () => {
      if (document.visibilityState === 'hidden') hiddenAt = Date.now();
      else if (hiddenAt !== null && Date.now() - hiddenAt >= idleMs) onIdle();
      else touched();
    };
    for (const type of ACTIVITY) window.addEventListener(type, touched, { passive: true });
    document.addEventListener('visibilitychange', visibility);
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, touched);
      document.removeEventListener('visibilitychange', visibility);
    };
  }, [active, idleMs, onIdle]);
}
