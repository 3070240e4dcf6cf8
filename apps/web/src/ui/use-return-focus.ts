import { useEffect } from 'react';

/** How long after a dialog closes focus follows a list that re-renders (a sync, a live query). */
const FOLLOW_MS = 3000;

/**
 * When a dialog closes, focus goes back to what opened it (WCAG 2.4.3), not to the page's body.
 * If that element is gone (the job moved to a day not shown), to the first match of
 * `fallbackSelector` (the same control in its new place); else to the main region. The list may
 * re-render a moment later (the change reaches the live query after the dialog closed): if that
 * drops focus to the body, it is put back the same way. Call it before the effect that opens
 * the dialog: it reads the focus then.
 */
export function useReturnFocus(fallbackSelector?: string): void {
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      const restore = () => {
        const fallback = fallbackSelector ? document.querySelector<HTMLElement>(fallbackSelector) : null;
        const target = opener?.isConnected ? opener : (fallback ?? document.getElementById('main'));
        target?.focus();
      };
      const lost = () => document.activeElement === null || document.activeElement === document.body;
      // After React has removed the dialog.
      requestAnimationFrame(restore);
      const observer = new MutationObserver(() => {
        if (lost()) restore();
      });
      observer.observe(document.body, { childList: true, subtree: true });
      setTimeout(() => observer.disconnect(), FOLLOW_MS);
    };
  }, [fallbackSelector]);
}
