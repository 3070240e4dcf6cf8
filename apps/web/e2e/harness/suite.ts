import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, newPhoneContext } from './browser.ts';
import { startServer, type StartServerOptions, type TestServer } from './server.ts';

export type E2eSuite = {
  server: () => TestServer;
  browser: () => Browser;
  /** A fresh phone-sized browser profile with a page on it; closed after the test. */
  newPage: () => Promise<{ context: BrowserContext; page: Page }>;
  /** A context the test made itself: its pages go into the report of a failed test. */
  watch: (context: BrowserContext) => void;
};

/**
 * One server and one browser for the whole test file (a server start costs seconds), one fresh
 * browser context per `newPage()` so tests do not share cookies, storage or service workers.
 */
export function useE2eSuite(options: StartServerOptions = {}): E2eSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  // A screen showing a key instead of words: its English was not loaded with it (the start
  // path carries only the start screens' catalog; the rest comes with the routes, ADR 0039).
  const missingMessages: string[] = [];
  // What each page printed, kept for the report of a failed test (`failureReport`).
  const consoles = new Map<Page, string[]>();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(options), launchBrowser()]);
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') console.error(await failureReport(task.name, consoles));
    consoles.clear();
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    expect(missingMessages.splice(0), 'messages missing from the loaded catalogs').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started (use it inside a test)`);
    return value;
  };

  return {
    server: () => need(server, 'The server'),
    browser: () => need(browser, 'The browser'),
    watch(context) {
      for (const page of context.pages()) watchConsole(page, consoles);
      context.on('page', (page) => watchConsole(page, consoles));
    },
    async newPage() {
      const context = await newPhoneContext(need(browser, 'The browser'), need(server, 'The server').url);
      contexts.push(context);
      context.on('console', (message) => {
        if (message.text().startsWith('[i18n] missing message')) missingMessages.push(message.text());
      });
      context.on('page', (page) => watchConsole(page, consoles));
      const page = await context.newPage();
      return { context, page };
    },
  };
}

const KEPT_CONSOLE_LINES = 40;

function watchConsole(page: Page, consoles: Map<Page, string[]>): void {
  const lines: string[] = [];
  consoles.set(page, lines);
  const keep = (line: string) => {
    lines.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (lines.length > KEPT_CONSOLE_LINES) lines.shift();
  };
  page.on('console', (message) => keep(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => keep(`[pageerror] ${error.stack ?? error.message}`));
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/api/'))
      keep(`[http] ${response.status()} ${response.request().method()} ${url.pathname}`);
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) keep(`[navigated] ${frame.url()}`);
  });
}

/**
 * What each page of a failed test showed and printed: a timeout alone ("waiting for heading…")
 * says nothing of the screen the app was on instead, nor of an error it logged.
 */
async function failureReport(test: string, consoles: Map<Page, string[]>): Promise<string> {
  const parts = [`--- e2e failure report: ${test}`];
  for (const [page, lines] of consoles) {
    const text = page.isClosed()
      ? '(page closed)'
      : await page
          .locator('body')
          .innerText({ timeout: 2_000 })
          .then((t) => t.replace(/\s+/g, ' ').slice(0, 600))
          .catch((error: unknown) => `(no text: ${String(error)})`);
    parts.push(`page ${page.isClosed() ? '' : page.url()}\n  screen: ${text}\n  console:\n    ${lines.join('\n    ')}`);
  }
  return parts.join('\n');
}
