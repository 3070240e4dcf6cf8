import { useEffect } from 'react';

/**
 * When a dialog closes, focus goes back to what opened it (WCAG 2.4.3), not to the page's body.
 * If that element is gone (the job moved to a day not shown), to the first match of
 * `fallbackSelector` (the same control in its new place); else to the main region. Call it before
 * the effect that opens the dialog: it reads the focus then.
 */
export function useReturnFocus(fallbackSelector?: string): void {
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      // After React has removed the dialog and painted the list it changed.
      requestAnimationFrame(() => {
        const fallback = fallbackSelector ? document.querySelector<HTMLElement>(fallbackSelector) : null;
        const target = opener?.isConnected ? opener : (fallback ?? document.getElementById('main'));
        target?.focus();
      });
    };
  }, [fallbackSelector]);
}
