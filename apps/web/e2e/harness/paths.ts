import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const API_DIR = fileURLToPath(new URL('../../../api/', import.meta.url));
export const WEB_DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
