import { pathToFileURL } from 'node:url';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import type { Plugin } from 'vite';
import { toIcu, type Message } from '../src/i18n/message.ts';

/** The catalog modules: src/i18n/en.ts, pl.ts and their per-area parts (en-forms.ts, en-office-nav.ts…). */
const CATALOG = /\/src\/i18n\/[a-z]{2}(-[a-z]+)*\.ts$/;

/**
 * Compiles the ICU catalogs at build time, so the app ships Lingui's 2 kB runtime without its
 * message parser: each catalog module is replaced by its messages in Lingui's compiled form
 * (with every part it spreads in inlined). Development and tests import the ICU strings as they
 * are and Lingui compiles them on use.
 */
export function compileMessages(): Plugin {
  return {
    name: 'lastmile:compile-messages',
    apply: 'build',
    enforce: 'pre',
    async transform(_code, id) {
      if (!CATALOG.test(id)) return null;
      // Node 24 runs the TypeScript catalog as it is (type stripping); a catalog is plain data.
      const exports = (await import(pathToFileURL(id).href)) as Record<string, Record<string, Message>>;
      const lines = Object.entries(exports).map(([name, catalog]) => {
        const compiled = Object.fromEntries(
          Object.entries(catalog).map(([key, message]) => [key, compile(id, key, message)]),
        );
        return `export const ${name} = ${JSON.stringify(compiled)};`;
      });
      return { code: lines.join('\n'), map: null };
    },
  };
}

function compile(file: string, key: string, message: Message) {
  try {
    return compileMessageOrThrow(toIcu(message));
  } catch (error) {
    // A broken message fails the build rather than showing raw ICU syntax to someone.
    throw new Error(`${file}: message "${key}" is not valid ICU MessageFormat`, { cause: error });
  }
}
