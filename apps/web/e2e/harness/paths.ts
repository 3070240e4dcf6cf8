import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const API_DIR = fileURLToPath(new URL('../../../api/', import.meta.url));
/**
 * The built app the tests serve. E2E_WEB_DIST lets two people (or two sessions) on one checkout
 * build and test apart: `vite build --outDir /tmp/dist-a` then `E2E_WEB_DIST=/tmp/dist-a`.
 */
const fromEnv = process.env['E2E_WEB_DIST'];
export const WEB_DIST = fromEnv
  ? fromEnv.endsWith('/')
    ? fromEnv
    : `${fromEnv}/`
  : fileURLToPath(new URL('../../dist/', import.meta.url));
