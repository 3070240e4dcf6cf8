import { z } from 'zod';

/**
 * The Content-Security-Policy allows no eval (docs/decisions/0018-edge-headers-and-compression.md).
 * zod would try `new Function` once to see whether it may compile its parsers, be refused (a CSP
 * violation on every start) and parse without compiling anyway; this says so up front. Imported
 * first by main.tsx, before any schema is built.
 */
z.config({ jitless: true });
