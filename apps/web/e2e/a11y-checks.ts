import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
/** axe's browser bundle, evaluated in the page (not a <script>: the app's CSP allows no inline script). */
const AXE_SOURCE = (require('axe-core') as { source: string }).source;

/** WCAG 2.2 A and AA, and axe's best practices: what issue 10 asks of every screen. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

type AxeNode = { target: string[]; failureSummary?: string };
type AxeViolation = { id: string; help: string; nodes: AxeNode[] };

/** axe's violations on the page as it is now (all of AXE_TAGS, or only `rules`), one line each. */
export async function axeViolations(page: Page, rules?: string[]): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const runOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: AXE_TAGS };
  const violations = await page.evaluate(
    async (only) =>
      (
        await (
          window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> } }
        ).axe.run(document, { runOnly: only, resultTypes: ['violations'] })
      ).violations,
    runOnly,
  );
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${v.help} — ${n.target.join(' ')}: ${(n.failureSummary ?? '').replaceAll('\n', ' ')}`),
  );
}

/**
 * Visible interactive elements smaller than 44×44 CSS px, as "tag 'name' w×h". A checkbox or
 * radio is measured by its label (the label is what a finger hits); a link inside running text
 * is WCAG 2.5.8's inline exception and is skipped.
 */
export function smallTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((min) => {
    const selector =
      'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=tab], [role=button], [tabindex]:not([tabindex="-1"])';
    const inRunningText = (el: Element): boolean => {
      if (el.tagName !== 'A') return false;
      // The nearest block around the link: a link alone in a heading or a list item is no inline link.
      const block = el.parentElement?.closest('p, li, dd, dt, td, th, h1, h2, h3, h4, h5, h6, label, div, section');
      if (!block) return false;
      const own = (el.textContent ?? '').trim().length;
      return (block.textContent ?? '').trim().length > own + 3;
    };
    const out: string[] = [];
    for (const el of document.querySelectorAll(selector)) {
      if (el.closest('[inert], [aria-hidden=true], .visually-hidden, .skip-link')) continue;
      if (el.id === 'main') continue;
      const input = el as HTMLInputElement;
      // A "stretched" link (an absolute ::after over its card) is as big as the card it covers.
      const after = getComputedStyle(el, '::after');
      const stretched = after.content !== 'none' && after.position === 'absolute';
      const measured =
        el.tagName === 'INPUT' && (input.type === 'checkbox' || input.type === 'radio')
          ? (el.closest('label') ?? el)
          : stretched && el instanceof HTMLElement && el.offsetParent
            ? el.offsetParent
            : el;
      const box = measured.getBoundingClientRect();
      const style = getComputedStyle(measured);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      if (inRunningText(el)) continue;
      if (box.width + 0.5 < min || box.height + 0.5 < min) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
        out.push(
          `${el.tagName.toLowerCase()}.${el.className} '${name}' ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
      }
    }
    return out;
  }, min);
}

/**
 * With the root font size at 200 %, how far the page scrolls sideways (0 = it reflows) and the
 * innermost elements that stick out, to say what to fix. The size is set back afterwards.
 */
export function sidewaysScrollAt200(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(async () => {
    const root = document.documentElement;
    const before = root.style.fontSize;
    root.style.fontSize = '200%';
    // Two frames, or a second at most (see settle() in a11y.e2e.test.ts).
    await new Promise((resolve) => {
      requestAnimationFrame(() => requestAnimationFrame(resolve));
      setTimeout(resolve, 1000);
    });
    const width = root.clientWidth;
    const overflow = root.scrollWidth - width;
    const culprits =
      overflow > 0
        ? [...document.body.querySelectorAll('*')]
            .filter((el) => el.getBoundingClientRect().right > width + 1)
            .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > width + 1))
            .slice(0, 4)
            .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`)
        : [];
    root.style.fontSize = before;
    return { overflow, culprits };
  });
}

/** The sticky header's height in CSS px (0 when signed out). */
export function headerHeight(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelector('.app-header')?.getBoundingClientRect().height ?? 0);
}
