import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, newPhoneContext } from './browser.ts';
import { startServer, type StartServerOptions, type TestServer } from './server.ts';

export type E2eSuite = {
  server: () => TestServer;
  browser: () => Browser;
  /** A fresh phone-sized browser profile with a page on it; closed after the test. */
  newPage: () => Promise<{ context: BrowserContext; page: Page }>;
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

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(options), launchBrowser()]);
  });

  afterEach(async () => {
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
    async newPage() {
      const context = await newPhoneContext(need(browser, 'The browser'), need(server, 'The server').url);
      contexts.push(context);
      context.on('console', (message) => {
        if (message.text().startsWith('[i18n] missing message')) missingMessages.push(message.text());
      });
      const page = await context.newPage();
      return { context, page };
    },
  };
}
